//! C-like enums: their values are on the wire but in no code, so the diff
//! compares them itself.

use wire_core::Wire;
use wire_golden::diff::{Aspect, Severity, diff};

mod v1 {
    #[derive(wire_core::Wire)]
    #[wire(c_enum)]
    #[repr(i32)]
    pub enum Status {
        Ok = 0,
        Busy = 1,
        Gone = 2,
        Lost = 3,
    }

    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Probe")]
    pub trait Probe {
        fn status(&self) -> Status;
    }
}

mod v2 {
    #[derive(wire_core::Wire)]
    #[wire(c_enum)]
    #[repr(i32)]
    pub enum Status {
        Ok = 0,
        Busy = 7,
        Vanished = 2,
        Throttled = 4,
    }

    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Probe")]
    pub trait Probe {
        fn status(&self) -> Status;
    }
}

#[test]
fn c_enum_values_are_compared_though_no_code_changes() {
    assert_eq!(<v1::Status as Wire>::CODE, <v2::Status as Wire>::CODE, "the literal is the integer's");
    let old = super::support::contract::doc(v1::ProbeRpc::HANDLERS);
    let new = super::support::contract::doc(v2::ProbeRpc::HANDLERS);
    let found: Vec<(Severity, Aspect, String)> =
        diff(&old, &new).into_iter().map(|f| (f.severity, f.aspect, f.why)).collect();
    let expect = |severity, why: &str| (severity, Aspect::Values, why.to_owned());
    assert!(
        found.contains(&expect(
            Severity::Breaking,
            "`Status::Busy` = 1 -> 7: the peers read each other's values as other variants"
        )),
        "{found:#?}"
    );
    assert!(
        found.contains(&expect(Severity::Breaking, "value 3 `Status::Lost` removed: an old peer may still send it")),
        "{found:#?}"
    );
    assert!(found.contains(&expect(Severity::Additive, "value 4 `Status::Throttled` added")), "{found:#?}");
    assert!(
        found.contains(&(
            Severity::Cosmetic,
            Aspect::Names,
            "variant `Status::Gone` renamed to `Vanished` (value 2 unchanged)".to_owned()
        )),
        "{found:#?}"
    );
    // No handler is reported: every code is the same.
    assert!(found.iter().all(|(_, aspect, _)| matches!(aspect, Aspect::Values | Aspect::Names)), "{found:#?}");
}
