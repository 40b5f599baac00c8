//! The house rules: the source layout (architecture, rooms) and decoding under arbitrary input (fuzz).

mod architecture;
mod fuzz;
mod rooms;
