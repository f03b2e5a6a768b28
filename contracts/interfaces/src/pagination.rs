//! Bounded page reads over an append-only index `0..total`.
//!
//! Every listing in the suite is a `Mapping<(owner, u32), item>` plus a count,
//! read a page at a time, so a read costs the same however long the list grows.

use ink::prelude::vec::Vec;

/// Most items one page may ask for.
pub const MAX_PAGE_SIZE: u32 = 50;

/// Why a page request was refused.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    /// `limit` was 0 or above [`MAX_PAGE_SIZE`].
    InvalidPageSize,
}

/// One page of a listing.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items from `start`, in index order.
    pub items: Vec<T>,
    /// How many items the whole listing holds.
    pub total: u32,
    /// The `start` of the next page, if there is one.
    pub next: Option<u32>,
}

/// Reads items `start..start + limit` (clipped to `total`) with `fetch`.
/// Indices for which `fetch` returns `None` are skipped.
pub fn read_page<T>(
    total: u32,
    start: u32,
    limit: u32,
    mut fetch: impl FnMut(u32) -> Option<T>,
) -> Result<Page<T>, PageError> {
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(PageError::InvalidPageSize);
    }
    let end = start.saturating_add(limit).min(total);
    let items = (start..end).filter_map(&mut fetch).collect();
    let next = if end < total { Some(end) } else { None };
    Ok(Page { items, total, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_walk_the_listing_and_say_where_the_next_one_starts() {
        // given a listing of 7 items
        let fetch = |i: u32| Some(i * 10);
        // when reading pages of 3
        let first = read_page(7, 0, 3, fetch).expect("valid page");
        let last = read_page(7, 6, 3, fetch).expect("valid page");
        let past_end = read_page(7, 9, 3, fetch).expect("valid page");
        // then
        assert_eq!(
            first,
            Page {
                items: vec![0, 10, 20],
                total: 7,
                next: Some(3)
            }
        );
        assert_eq!(
            last,
            Page {
                items: vec![60],
                total: 7,
                next: None
            }
        );
        assert_eq!(past_end.items, Vec::<u32>::new());
        assert_eq!(past_end.next, None);
    }

    #[test]
    fn a_page_size_of_zero_or_over_the_bound_is_refused() {
        assert_eq!(read_page(7, 0, 0, Some), Err(PageError::InvalidPageSize));
        assert_eq!(
            read_page(7, 0, MAX_PAGE_SIZE + 1, Some),
            Err(PageError::InvalidPageSize)
        );
        assert!(read_page(7, u32::MAX, MAX_PAGE_SIZE, Some).is_ok());
    }
}
