//! The house rules: the source layout (architecture) and decoding under arbitrary input (fuzz).

mod architecture;
mod fuzz;
