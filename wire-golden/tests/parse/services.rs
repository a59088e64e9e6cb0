//! The services whose contracts the tests read, damage and read again.

/// Shapes on a plane: the contract whose layout the line numbers rely on.
pub mod geo {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Id(pub u64);

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum Shape {
        Dot,
        Line(Point, Point),
        Circle { center: Point, r: u32 },
    }

    #[wire_rpc]
    #[wire(name = "Geo")]
    pub trait Geo {
        fn area(&self, s: Shape) -> f64;
        fn by_id(&self, id: Id) -> Option<Shape>;
        fn ping(&self);
    }
}

/// Names that need quotes in a contract file.
pub mod quoted {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    #[serde(rename = "weird name")]
    pub struct Weird {
        #[serde(rename = "a field")]
        pub a: u8,
        #[serde(rename = "tab\there \"quoted\" back\\slash")]
        pub b: u16,
        #[serde(rename = "café")]
        pub c: bool,
        #[serde(rename = "0")]
        pub d: u8,
        #[wire(opaque = "Blob \"v2\"")]
        pub blob: Vec<u8>,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum Odd {
        #[serde(rename = "odd-variant")]
        A,
        #[serde(rename = "x y")]
        B {
            #[serde(rename = "inner field")]
            inner: u8,
        },
        #[serde(rename = "type")]
        C(u8),
    }

    #[wire_rpc]
    #[wire(name = "ns.Quoted")]
    pub trait Quoted {
        fn r#match(&self, r#type: Weird) -> Odd;
        #[wire(name = "ns::Quoted::Renamed~1")]
        fn renamed(&self) -> u8;
    }
}

/// A handler with extension levels 2 and 3.
pub mod levels {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire, Default)]
    pub struct Zone {
        pub name: String,
    }

    #[wire_rpc]
    #[wire(name = "Store")]
    pub trait Store {
        fn get(&self, key: String) -> u64;
        fn put(
            &self,
            key: String,
            #[wire(since = 2)] tenant: Option<String>,
            #[wire(since = 3)] zone: Zone,
            #[wire(since = 3)] ttl: u32,
        ) -> u64;
    }
}
