// A derive that reports an error still implements `Wire`, so the type's
// uses (a field, a handler, a generic bound) add no error of their own.
use serde::{Deserialize, Serialize};
use wire_core::{Wire, wire_rpc};

#[derive(Serialize, Deserialize, Wire)]
pub struct Entry {
    #[wire(foo)]
    pub value: Vec<u8>,
}

#[derive(Serialize, Deserialize, Wire)]
#[serde(tag = "kind")]
pub enum Tagged<T> {
    A { t: T },
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub tagged: Option<Tagged<u32>>,
}

#[wire_rpc]
pub trait Store {
    fn put(&self, key: String, entry: Entry) -> Tagged<String>;
    fn page(&self) -> Page;
}

fn code<T: Wire>() -> u32 {
    T::CODE
}

fn main() {
    let _ = code::<Entry>() ^ code::<Tagged<u8>>();
}
