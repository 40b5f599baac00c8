//! The house rules: the source layout (architecture, rooms), decoding under arbitrary input (fuzz), the key docs generated from the key table (keys_docs) and the command line documenting itself from its clap definitions (cli_docs).

mod architecture;
mod cli_docs;
mod fuzz;
mod keys_docs;
mod rooms;
