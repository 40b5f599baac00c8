//! The house rules: the source layout (architecture, rooms), decoding under arbitrary input (fuzz) and the key docs generated from the key table (keys_docs).

mod architecture;
mod fuzz;
mod keys_docs;
mod rooms;
