//! Names of enum values as stored in rows, and back.

use parallax_core::{BlockKind, DateSource, OutletEvidence, OutletKind};

use crate::{Error, Result};

pub(crate) fn date_source(name: &str) -> Result<DateSource> {
    DateSource::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown date source {name:?}")))
}

pub(crate) fn outlet_kind(name: &str) -> Result<OutletKind> {
    OutletKind::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown outlet kind {name:?}")))
}

pub(crate) fn outlet_evidence(name: &str) -> Result<OutletEvidence> {
    OutletEvidence::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown outlet evidence {name:?}")))
}

pub(crate) fn block_kind(name: &str) -> Result<BlockKind> {
    BlockKind::from_name(name)
        .ok_or_else(|| corrupt("removed", format!("unknown block kind {name:?}")))
}

pub(crate) fn corrupt(table: &'static str, reason: String) -> Error {
    Error::Corrupt { table, reason }
}
