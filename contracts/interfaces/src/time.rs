//! Validity windows checked against block time.

use crate::Timestamp;

/// The half-open interval `[from, until)` of block timestamps (milliseconds)
/// in which something (a consent, a delegation, an accreditation) holds.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidityWindow {
    /// First millisecond in which it holds.
    pub from: Timestamp,
    /// First millisecond in which it no longer holds.
    pub until: Timestamp,
}

/// Why a window was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowError {
    /// `until` is not after `from`.
    Empty,
    /// `until` is not after the current block time.
    EndsInThePast,
}

impl ValidityWindow {
    /// A window that must end after `now` and be non-empty.
    pub fn new(from: Timestamp, until: Timestamp, now: Timestamp) -> Result<Self, WindowError> {
        if until <= now {
            return Err(WindowError::EndsInThePast);
        }
        if until <= from {
            return Err(WindowError::Empty);
        }
        Ok(Self { from, until })
    }

    /// Whether the window holds at `now`.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.from <= now && now < self.until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_from_its_start_until_just_before_its_end() {
        let window = ValidityWindow::new(100, 200, 50).expect("valid window");
        assert!(!window.contains(99));
        assert!(window.contains(100));
        assert!(window.contains(199));
        assert!(!window.contains(200));
    }

    #[test]
    fn a_window_that_ended_or_is_empty_is_refused() {
        assert_eq!(ValidityWindow::new(0, 50, 50), Err(WindowError::EndsInThePast));
        assert_eq!(ValidityWindow::new(300, 200, 50), Err(WindowError::Empty));
    }
}
