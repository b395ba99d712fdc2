//! Exit status like a virus scanner: a find is never masked by an error.

/// What the process reports to its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Every page was examined and nothing was found.
    Clean = 0,
    /// Something could not be examined (or a usage error), nothing found.
    Incomplete = 2,
    /// At least one page holds an identity-document copy; wins over errors.
    Found = 1,
}

impl ExitStatus {
    /// Combines two statuses: Found beats Incomplete beats Clean.
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        fn rank(s: ExitStatus) -> u8 {
            match s {
                ExitStatus::Clean => 0,
                ExitStatus::Incomplete => 1,
                ExitStatus::Found => 2,
            }
        }
        if rank(other) > rank(self) { other } else { self }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;

    #[test]
    fn found_wins_over_errors() {
        assert_eq!(Clean.merge(Incomplete), Incomplete);
        assert_eq!(Incomplete.merge(Found), Found);
        assert_eq!(Found.merge(Incomplete), Found);
        assert_eq!(Found.merge(Clean), Found);
        assert_eq!(Clean.merge(Clean), Clean);
        assert_eq!([Found.code(), Incomplete.code(), Clean.code()], [1, 2, 0]);
    }
}
