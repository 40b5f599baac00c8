//! The simulator over real HTTP: its routes, faults and the contract table.

mod contract;
mod sim;
