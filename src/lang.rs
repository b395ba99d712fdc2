//! The language of user-facing text. A leaf module: the report model,
//! [`crate::i18n`] and the reports name it, and it depends on nothing, so
//! choosing a language pulls in no command line.

/// Language of all user-facing text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Deutsch.
    #[default]
    De,
    /// English.
    En,
}
