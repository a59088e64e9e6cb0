//! Checking a parsed file: every code it records is recomputed from the schema it records.

use crate::model::{ContractDoc, Raise};

/// Every code a file records must be the code of the schema it records.
pub(super) fn verify(doc: &ContractDoc) -> Result<(), (usize, String)> {
    let raise = Raise::new(&doc.types);
    for h in &doc.handlers {
        let at = |m: String| (h.line, m);
        let id = wire_core::function_id(&h.name);
        let args = raise.fields(&h.args, &mut Vec::new()).map_err(at)?;
        let args = wire_core::try_args_code(args).map_err(|e| at(e.to_string()))?;
        let ret = raise.ty(&h.returns, &mut Vec::new()).map_err(at)?;
        let ret = ret.try_code().map_err(|e| at(e.to_string()))?;
        for (what, recorded, computed) in
            [("id", h.function_id, id), ("args", h.args_code, args), ("ret", h.return_code, ret)]
        {
            if recorded != computed {
                return Err(at(format!(
                    "`{what}={recorded:#010x}` is not the code of what this line records ({computed:#010x}): \
                     the file was edited by hand; restore it from version control or re-bless"
                )));
            }
        }
        for level in &h.ext {
            let args = raise.fields(&level.args, &mut Vec::new()).map_err(at)?;
            let computed = wire_core::try_args_code(args).map_err(|e| at(e.to_string()))?;
            if level.code != computed {
                return Err(at(format!(
                    "`ext={}:{:#010x}` is not the code of the `#[since {}]` parameters this line records \
                     ({computed:#010x}): the file was edited by hand; restore it from version control or re-bless",
                    level.since, level.code, level.since
                )));
            }
        }
    }
    Ok(())
}
