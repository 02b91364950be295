//! The language layer: annotations that point into `Article::text` by byte
//! range, each with the rule that made it.
//!
//! Today: time expressions ([`annotate_times`]), resolved against the
//! article's date to intervals of days with a granularity. Entities and quotes
//! follow (issue 3).
//!
//! ```
//! use parallax_annotate::annotate_times;
//! use parallax_core::PartialDate;
//! let text = "The ministry said on Wednesday that it had cut ties.";
//! let anchor = PartialDate::ymd(2022, 7, 15);
//! let mentions = annotate_times(text, anchor);
//! assert_eq!(mentions[0].value.unwrap().start.to_string(), "2022-07-13");
//! ```

mod quotes;
mod time;

pub use quotes::annotate_quotes;
pub use time::annotate_times;
