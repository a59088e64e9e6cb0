//! The quickstart service: prints the wire contract registered in this binary.
//!
//! ```text
//! cargo run --example contract
//! ```

use serde::{Deserialize, Serialize};
use wire_core::{Contract, Wire, wire_rpc};

/// Why a master call failed.
#[derive(Serialize, Deserialize, Wire, Debug)]
pub enum ErrorCode {
    NotFound,
    Internal(String),
}

/// Where one copy of an object lives.
#[derive(Serialize, Deserialize, Wire, Debug)]
pub struct Replica {
    pub addr: String,
    pub size: u64,
}

#[wire_rpc]
pub trait MasterService {
    fn exist_key(&self, key: String) -> Result<bool, ErrorCode>;
    async fn put_start(&self, key: String, len: u64) -> Result<Vec<Replica>, ErrorCode>;
    #[wire(name = "MasterService::Ping")]
    fn ping(&self) -> u64;
}

fn main() {
    let contract = match Contract::current() {
        Ok(contract) => contract,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("{} handlers registered\n", contract.len());
    println!("{:<28} {:>10}  {:>10}  {:>10}", "handler", "id", "args", "return");
    for h in contract.handlers() {
        println!("{:<28} {:#010x}  {:#010x}  {:#010x}", h.name, h.function_id, h.args_code, h.return_code);
    }
    println!();
    for h in contract.handlers() {
        let args: Vec<String> = h.args.iter().map(|a| format!("{}: {}", a.name, a.schema)).collect();
        println!("{}({}) -> {}    [{}:{}]", h.name, args.join(", "), h.returns, h.location.file, h.location.line);
    }
}
