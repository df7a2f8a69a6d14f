//! One file per command: thin glue from parsed arguments to the library.

pub mod serve;
