//! The `chitieu` command line: parses arguments and calls the libraries.
fn main() {}
