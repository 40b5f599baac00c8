//! Fixtures and drivers shared by the unit tests, the integration tests and
//! the benchmarks: fixed data and clock, key presses, and short ways to put
//! an `App` into a state. Not part of the product; hidden from the docs.

pub mod drive;
pub mod fixtures;
pub mod import;
pub mod input;
pub mod screen;

pub use drive::*;
pub use fixtures::*;
pub use import::*;
pub use input::*;
pub use screen::*;
