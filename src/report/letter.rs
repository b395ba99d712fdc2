//! The deletion request drafted from a report.
