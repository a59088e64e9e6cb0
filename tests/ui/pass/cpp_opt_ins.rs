use serde::{Deserialize, Serialize};
use wire_core::Wire;

#[derive(Wire, Clone, Copy, Debug, PartialEq)]
#[wire(c_enum)]
#[repr(i32)]
enum ErrorCode {
    Ok = 0,
    NotFound = -1,
}

#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
struct Pod {
    a: i32,
    b: u64,
    code: ErrorCode,
}

fn main() {
    // An enum is its integer; a trivial struct ends with its alignment twice.
    assert_eq!(wire_core::literal::<ErrorCode>(), [0x01]);
    assert_eq!(wire_core::literal::<Pod>(), [0xFD, 0x01, 0x04, 0x01, 0x89, 0x89, 0xFF]);
    let layout = <Pod as Wire>::SCHEMA.c_layout().unwrap();
    assert_eq!((layout.size, layout.align), (24, 8));
    // The serde side of a C-like enum is its integer.
    assert_eq!(bincode::serialize(&ErrorCode::NotFound).unwrap(), (-1i32).to_le_bytes());
    assert_eq!(bincode::deserialize::<ErrorCode>(&0i32.to_le_bytes()).unwrap(), ErrorCode::Ok);
    assert!(bincode::deserialize::<ErrorCode>(&7i32.to_le_bytes()).is_err());
}
