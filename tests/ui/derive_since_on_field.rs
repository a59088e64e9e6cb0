use wire_core::Wire;

#[derive(Wire, serde::Serialize, serde::Deserialize)]
pub struct Put {
    pub key: String,
    #[wire(since = 2)]
    pub tenant: Option<String>,
}

fn main() {}
