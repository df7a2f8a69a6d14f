//! The `handbook` command line.

fn main() {
    println!("handbook: under construction");
}
