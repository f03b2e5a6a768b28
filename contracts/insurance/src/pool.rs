//! The risk pool's accounting, kept apart from the token calls so it can be
//! tested without a chain.
//!
//! `held = capital deposited − capital withdrawn + premiums − payouts` is what
//! the contract holds of the token. Of it, `reserved` is owed to submitted
//! claims; the rest is free capital. The solvency rule: an enrolment or a
//! capital withdrawal succeeds only if afterwards
//! `free ≥ solvency_ratio × outstanding coverage` (the yearly coverage limits
//! of every policy in force).
//!
//! Capital providers hold shares of the pool: premiums raise the value of
//! every share, payouts lower it, so gains and losses fall on all providers
//! in proportion, never on whoever withdraws last.
//!
//! Shares are bought at the price of what the pool holds (`held / shares`)
//! and sold at the price of its free capital (`free / shares`, never more).
//! Reservations for pending claims lower only the sale price, and once they
//! are released it is back where a buyer paid unless a claim was actually
//! paid: so no deposit made while reservations are open and withdrawn once
//! they are released can take value from the providers who were there
//! before. A provider who leaves while claims are pending leaves its part of
//! their reservations behind, for those who stay and bear the claims.
//! Prices are computed in 256 bits ([`mul_div`]): no pool is too large.
//!
//! The first deposit locks [`LOCKED_SHARES`] shares, and everything the pool
//! held before it (premiums received before any capital), with the pool for
//! good, as Uniswap v2 locks its minimum liquidity: the pool never returns
//! to zero shares, so tokens no provider owns (a reservation released after
//! the last provider left) belong to the locked shares and cannot be
//! withdrawn by anyone, nor fall to the next depositor.

use crate::error::{Error, Result};
use crate::plan::BPS;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::{AccountId, Balance};

/// Shares the first deposit locks with the pool for good (taken from that
/// deposit, one share a token): the pool never returns to zero shares.
pub const LOCKED_SHARES: Balance = 1_000;

/// Who holds the locked shares: the all-zero account, whose key nobody has
/// (as Uniswap v2 sends its minimum liquidity to the zero address), so they
/// can never be withdrawn; they live in the same map as every provider's.
pub fn locked_shares_holder() -> AccountId {
    AccountId::from([0; 32])
}

/// What `pool()` reports.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolView {
    /// Tokens the pool holds.
    pub held: Balance,
    /// Tokens owed to submitted or approved claims.
    pub reserved: Balance,
    /// Sum of the yearly coverage limits of every policy in force.
    pub outstanding_coverage: Balance,
    /// `held − reserved`.
    pub free_capital: Balance,
    /// Free capital must stay at least this many basis points of outstanding coverage.
    pub solvency_ratio_bps: u32,
    /// Capital deposited over all time.
    pub capital_deposited: Balance,
    /// Capital withdrawn over all time.
    pub capital_withdrawn: Balance,
    /// Premiums received over all time.
    pub premiums: Balance,
    /// Claims paid over all time.
    pub payouts: Balance,
    /// Capital providers' shares in all, with the [`LOCKED_SHARES`] and
    /// those that own what the pool held before its first deposit.
    pub total_shares: Balance,
    /// Shares that belong to no provider and can never be withdrawn.
    pub locked_shares: Balance,
}

/// The pool's totals and each capital provider's capital.
#[ink::storage_item]
#[derive(Debug)]
pub struct RiskPool {
    shares: Mapping<AccountId, Balance, ManualKey<0x494e_0101>>,
    total_shares: Balance,
    capital_deposited: Balance,
    capital_withdrawn: Balance,
    premiums: Balance,
    payouts: Balance,
    reserved: Balance,
    outstanding_coverage: Balance,
    solvency_ratio_bps: u32,
}

impl RiskPool {
    /// An empty pool whose free capital must cover `solvency_ratio_bps` of
    /// outstanding coverage.
    pub fn new(solvency_ratio_bps: u32) -> Result<Self> {
        if solvency_ratio_bps == 0 {
            return Err(Error::InvalidSolvencyRatio);
        }
        Ok(Self {
            shares: Mapping::default(),
            total_shares: 0,
            capital_deposited: 0,
            capital_withdrawn: 0,
            premiums: 0,
            payouts: 0,
            reserved: 0,
            outstanding_coverage: 0,
            solvency_ratio_bps,
        })
    }

    /// Tokens the pool holds: what came in (capital, premiums) less what
    /// went out (withdrawals, payouts). Providers may withdraw more than they
    /// deposited (their share of the premiums), so what came in is summed
    /// before anything is taken off.
    pub fn held(&self) -> Balance {
        self.capital_deposited
            .saturating_add(self.premiums)
            .saturating_sub(self.capital_withdrawn)
            .saturating_sub(self.payouts)
    }

    /// `held − reserved`.
    pub fn free(&self) -> Balance {
        self.held().saturating_sub(self.reserved)
    }

    /// The whole picture.
    pub fn view(&self) -> PoolView {
        PoolView {
            held: self.held(),
            reserved: self.reserved,
            outstanding_coverage: self.outstanding_coverage,
            free_capital: self.free(),
            solvency_ratio_bps: self.solvency_ratio_bps,
            capital_deposited: self.capital_deposited,
            capital_withdrawn: self.capital_withdrawn,
            premiums: self.premiums,
            payouts: self.payouts,
            total_shares: self.total_shares,
            locked_shares: self.locked_shares(),
        }
    }

    /// Shares that belong to no provider.
    pub fn locked_shares(&self) -> Balance {
        self.shares_of(locked_shares_holder())
    }

    /// `provider`'s shares.
    pub fn shares_of(&self, provider: AccountId) -> Balance {
        self.shares.get(provider).unwrap_or(0)
    }

    /// What `provider`'s shares would fetch if withdrawn now: their part of
    /// free capital (rounded down).
    pub fn capital_of(&self, provider: AccountId) -> Balance {
        mul_div(self.shares_of(provider), self.free(), self.total_shares, false).unwrap_or(0)
    }

    /// Records `amount` of capital `provider` paid in, for shares priced on
    /// what the pool holds (reservations included), and returns the shares
    /// minted: refused if fewer than `min_shares`. The first deposit mints
    /// one share a token of everything held after it, of which the
    /// [`LOCKED_SHARES`] and those for what was held before stay locked.
    pub fn deposit_capital(&mut self, provider: AccountId, amount: Balance, min_shares: Balance) -> Result<Balance> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let held = self.held();
        let (minted, locked) = if self.total_shares == 0 {
            let minted = amount.checked_sub(LOCKED_SHARES).ok_or(Error::DepositTooSmall)?;
            (minted, held.checked_add(LOCKED_SHARES).ok_or(Error::Overflow)?)
        } else if held == 0 {
            return Err(Error::PoolExhausted);
        } else {
            (
                mul_div(amount, self.total_shares, held, false).ok_or(Error::Overflow)?,
                0,
            )
        };
        if minted == 0 {
            return Err(Error::DepositTooSmall);
        }
        if minted < min_shares {
            return Err(Error::TooFewShares);
        }
        let shares = self.shares_of(provider).checked_add(minted).ok_or(Error::Overflow)?;
        self.total_shares = self
            .total_shares
            .checked_add(minted)
            .and_then(|total| total.checked_add(locked))
            .ok_or(Error::Overflow)?;
        if locked > 0 {
            self.shares.insert(locked_shares_holder(), &locked);
        }
        self.capital_deposited = self.capital_deposited.checked_add(amount).ok_or(Error::Overflow)?;
        self.shares.insert(provider, &shares);
        Ok(minted)
    }

    /// Records `amount` of `provider`'s capital leaving, priced on free
    /// capital: the shares it is worth, rounded up, are burned, and returned.
    /// Refused if that burns no share or more than `max_shares_burned`, or
    /// if the solvency rule would not hold afterwards.
    pub fn withdraw_capital(
        &mut self,
        provider: AccountId,
        amount: Balance,
        max_shares_burned: Balance,
    ) -> Result<Balance> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let value = self.free();
        let burned = mul_div(amount, self.total_shares, value, true).ok_or(Error::InsufficientCapital)?;
        if burned == 0 {
            return Err(Error::WithdrawalBurnsNoShare);
        }
        let shares = self
            .shares_of(provider)
            .checked_sub(burned)
            .ok_or(Error::InsufficientCapital)?;
        if burned > max_shares_burned {
            return Err(Error::TooManySharesBurned);
        }
        let withdrawn = self.capital_withdrawn.checked_add(amount).ok_or(Error::Overflow)?;
        let free_after = value.checked_sub(amount).ok_or(Error::WouldBreakSolvency)?;
        self.ensure_covers(free_after, self.outstanding_coverage)?;
        self.capital_withdrawn = withdrawn;
        self.total_shares = self.total_shares.saturating_sub(burned);
        self.shares.insert(provider, &shares);
        Ok(burned)
    }

    /// Records `premium` received and puts `coverage` into force with it
    /// (an enrolment, or a reinstatement of a policy out of force; 0 for a
    /// premium on a policy already in force). Coverage added must leave free
    /// capital at least the solvency ratio of all outstanding coverage.
    pub fn receive_premium(&mut self, premium: Balance, coverage: Balance) -> Result<()> {
        let premiums = self.premiums.checked_add(premium).ok_or(Error::Overflow)?;
        let outstanding = self.outstanding_coverage.checked_add(coverage).ok_or(Error::Overflow)?;
        if coverage > 0 {
            let free = self.free().checked_add(premium).ok_or(Error::Overflow)?;
            self.ensure_covers(free, outstanding)?;
        }
        self.premiums = premiums;
        self.outstanding_coverage = outstanding;
        Ok(())
    }

    /// Takes `coverage` out of force (a policy cancelled, lapsed or expired).
    pub fn remove_coverage(&mut self, coverage: Balance) {
        self.outstanding_coverage = self.outstanding_coverage.saturating_sub(coverage);
    }

    /// Reserves `amount` for a claim out of free capital.
    pub fn reserve(&mut self, amount: Balance) -> Result<()> {
        if self.free() < amount {
            return Err(Error::PoolShort);
        }
        self.reserved = self.reserved.checked_add(amount).ok_or(Error::Overflow)?;
        Ok(())
    }

    /// Releases a claim's reservation (rejected, drawn or unresolved).
    pub fn release(&mut self, amount: Balance) {
        self.reserved = self.reserved.saturating_sub(amount);
    }

    /// Pays a reserved claim: the tokens leave the pool.
    pub fn pay(&mut self, amount: Balance) -> Result<()> {
        self.reserved = self.reserved.checked_sub(amount).ok_or(Error::Overflow)?;
        self.payouts = self.payouts.checked_add(amount).ok_or(Error::Overflow)?;
        Ok(())
    }

    /// Sets the solvency ratio (basis points of outstanding coverage).
    pub fn set_solvency_ratio(&mut self, solvency_ratio_bps: u32) -> Result<()> {
        if solvency_ratio_bps == 0 {
            return Err(Error::InvalidSolvencyRatio);
        }
        self.solvency_ratio_bps = solvency_ratio_bps;
        Ok(())
    }

    /// `Ok` if `free` capital covers the solvency ratio of `outstanding` coverage.
    fn ensure_covers(&self, free: Balance, outstanding: Balance) -> Result<()> {
        let required = outstanding
            .checked_mul(Balance::from(self.solvency_ratio_bps))
            .ok_or(Error::Overflow)?
            .checked_div(Balance::from(BPS))
            .ok_or(Error::Overflow)?;
        if free >= required {
            Ok(())
        } else {
            Err(Error::WouldBreakSolvency)
        }
    }
}

/// `a × b / d`, rounded down (or up with `round_up`), computed in 256 bits
/// so that no product overflows; `None` if `d` is 0 or the result does not
/// fit 128 bits.
#[inline(never)]
pub fn mul_div(a: u128, b: u128, d: u128, round_up: bool) -> Option<u128> {
    if d == 0 {
        return None;
    }
    let (high, low) = wide_mul(a, b);
    if high >= d {
        return None;
    }
    // Restoring long division of high·2¹²⁸ + low by d, one bit at a time;
    // the remainder stays below d, so only its bit shifted out is lost.
    let (mut remainder, mut quotient) = (high, 0u128);
    for bit in (0..128u32).rev() {
        let carried = remainder >> 127 == 1;
        remainder = remainder.wrapping_shl(1) | (low.wrapping_shr(bit) & 1);
        quotient = quotient.wrapping_shl(1);
        if carried || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1;
        }
    }
    if round_up && remainder != 0 {
        quotient.checked_add(1)
    } else {
        Some(quotient)
    }
}

/// The 256-bit product of `a` and `b` as (high, low) halves.
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const HALF: u128 = u64::MAX as u128;
    let (a_low, a_high) = (a & HALF, a >> 64);
    let (b_low, b_high) = (b & HALF, b >> 64);
    // Each product of two 64-bit halves fits 128 bits; the sums below are
    // bounded by the 256-bit product, so none wraps.
    let low_low = a_low.wrapping_mul(b_low);
    let low_high = a_low.wrapping_mul(b_high);
    let high_low = a_high.wrapping_mul(b_low);
    let middle = (low_low >> 64)
        .wrapping_add(low_high & HALF)
        .wrapping_add(high_low & HALF);
    let low = (low_low & HALF) | middle.wrapping_shl(64);
    let high = a_high
        .wrapping_mul(b_high)
        .wrapping_add(low_high >> 64)
        .wrapping_add(high_low >> 64)
        .wrapping_add(middle >> 64);
    (high, low)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No slippage bound: any number of shares minted or burned will do.
    const ANY: Balance = Balance::MAX;

    fn provider() -> AccountId {
        AccountId::from([3; 32])
    }

    fn newcomer() -> AccountId {
        AccountId::from([4; 32])
    }

    #[ink::test]
    fn a_provider_who_withdraws_its_share_of_the_premiums_leaves_exactly_what_is_left() {
        // given 1,800 of capital (1,000 shares of it locked) and 300 of premiums on no cover outstanding
        let mut pool = RiskPool::new(5_000).expect("ratio");
        assert_eq!(pool.deposit_capital(provider(), 1_800, 0), Ok(800));
        pool.receive_premium(300, 0).expect("premium");
        // when the provider withdraws what its 800 shares are worth (more than
        // the 800 they cost: their part of the premiums)
        assert_eq!(pool.capital_of(provider()), 933);
        pool.withdraw_capital(provider(), 933, ANY).expect("its share");
        // then the pool holds what the locked shares own, not the 300 of premiums
        // (found by the fuzzer: held was deposited − withdrawn, saturating at
        // 0, plus premiums)
        assert_eq!(pool.held(), 1_167);
        assert_eq!(pool.free(), 1_167);
        assert_eq!(pool.capital_of(provider()), 0);
    }

    #[ink::test]
    fn enrolments_and_withdrawals_keep_free_capital_above_the_ratio() {
        // given 10,000 of capital at a 50 % ratio
        let mut pool = RiskPool::new(5_000).expect("ratio");
        pool.deposit_capital(provider(), 10_000, 0).expect("deposit");
        // when policies of 5,000 coverage are put in force with 100 premium each
        for _ in 0..4 {
            pool.receive_premium(100, 5_000).expect("capacity left");
        }
        // then a fifth would need 12,500 free of 10,500 held
        assert_eq!(pool.receive_premium(100, 5_000), Err(Error::WouldBreakSolvency));
        assert_eq!(pool.view().outstanding_coverage, 20_000, "nothing recorded");
        assert_eq!(pool.view().premiums, 400);
        // and a withdrawal that would leave less than 10,000 free is refused
        assert_eq!(
            pool.withdraw_capital(provider(), 401, ANY),
            Err(Error::WouldBreakSolvency)
        );
        assert_eq!(pool.view().capital_withdrawn, 0, "nothing recorded");
        pool.withdraw_capital(provider(), 400, ANY).expect("still solvent");
        assert_eq!(pool.view().free_capital, 10_000);
        assert_eq!(pool.view().outstanding_coverage, 20_000);
    }

    #[ink::test]
    fn a_reservation_comes_out_of_free_capital_and_leaves_only_when_paid() {
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(provider(), 2_000, 0).expect("deposit");
        pool.reserve(1_800).expect("free capital");
        assert_eq!(pool.reserve(201), Err(Error::PoolShort));
        pool.pay(1_800).expect("reserved");
        pool.reserve(150).expect("free capital");
        pool.release(150);
        let view = pool.view();
        assert_eq!((view.held, view.reserved, view.payouts), (200, 0, 1_800));
        // the provider's 1,000 of 2,000 shares are worth half of the 200 left
        assert_eq!(pool.capital_of(provider()), 100);
        assert_eq!(
            pool.withdraw_capital(provider(), 101, ANY),
            Err(Error::InsufficientCapital)
        );
    }

    #[ink::test]
    fn a_deposit_made_while_a_claim_is_reserved_and_withdrawn_after_its_release_gains_nothing() {
        // given a provider's 100,000 and a claim of 50,000 reserved
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(provider(), 100_000, 0).expect("deposit");
        let before = pool.capital_of(provider());
        pool.reserve(50_000).expect("free capital");
        // when a newcomer deposits 100,000 while the reservation is open,
        // the claim is rejected (released), and the newcomer withdraws all
        // its shares are worth
        pool.deposit_capital(newcomer(), 100_000, 0).expect("deposit");
        pool.release(50_000);
        let worth = pool.capital_of(newcomer());
        pool.withdraw_capital(newcomer(), worth, ANY).expect("its capital");
        // then the newcomer got back no more than it paid in, and the
        // provider who was there lost nothing (had shares been bought on
        // free capital, as they were, the newcomer's would have cost half as
        // much and it would have left with 33,333 more than it paid in, all of
        // it the provider's)
        assert!(worth <= 100_000, "the newcomer took {worth}");
        assert!(pool.capital_of(provider()) >= before, "the provider lost capital");
    }

    #[ink::test]
    fn a_provider_who_leaves_while_a_claim_is_pending_leaves_its_part_of_the_reservation() {
        // given two providers of 50,000 each (the first's first 1,000 locked) and 20,000 reserved
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(provider(), 51_000, 0).expect("deposit");
        pool.deposit_capital(newcomer(), 50_000, 0).expect("deposit");
        pool.reserve(20_000).expect("free capital");
        // when the newcomer leaves with what its shares fetch now (priced on free capital)
        let worth = pool.capital_of(newcomer());
        assert_eq!(worth, 50_000 * 81_000 / 101_000);
        pool.withdraw_capital(newcomer(), worth, ANY).expect("its capital");
        // then the claim is rejected and the provider who stayed owns the release
        pool.release(20_000);
        assert!(pool.capital_of(provider()) > 50_000);
        assert_eq!(pool.shares_of(newcomer()), 0);
    }

    #[ink::test]
    fn slippage_bounds_refuse_a_deposit_or_withdrawal_priced_worse_than_agreed() {
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(provider(), 11_000, 0).expect("deposit");
        pool.reserve(5_500).expect("free capital");
        // a deposit of 1,100 buys 1,100 shares (priced on the 11,000 held)
        assert_eq!(pool.deposit_capital(newcomer(), 1_100, 1_101), Err(Error::TooFewShares));
        assert_eq!(pool.shares_of(newcomer()), 0, "nothing minted");
        // a withdrawal of 1,000 burns 2,000 shares (priced on 5,500 free of 11,000 shares)
        assert_eq!(
            pool.withdraw_capital(provider(), 1_000, 1_999),
            Err(Error::TooManySharesBurned)
        );
        assert_eq!(pool.shares_of(provider()), 10_000, "nothing burned");
        assert_eq!(pool.withdraw_capital(provider(), 1_000, 2_000), Ok(2_000));
    }

    #[ink::test]
    fn tokens_no_provider_owns_stay_with_the_locked_shares() {
        // given premiums of 500 received before any capital
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.receive_premium(500, 0).expect("premium");
        // then nobody can withdraw them: no share would be burned
        assert_eq!(
            pool.withdraw_capital(newcomer(), 500, ANY),
            Err(Error::WithdrawalBurnsNoShare)
        );
        // when the first provider deposits 5,000, they stay locked, with 1,000 of its own
        assert_eq!(pool.deposit_capital(provider(), 5_000, 0), Ok(4_000));
        assert_eq!(pool.view().locked_shares, 1_500);
        assert_eq!(pool.capital_of(provider()), 4_000);
        // and when a claim of 1,000 is reserved and the provider leaves with all it may
        pool.reserve(1_000).expect("free capital");
        let worth = pool.capital_of(provider());
        pool.withdraw_capital(provider(), worth, ANY).expect("its capital");
        // the released reservation belongs to the locked shares: nobody withdraws it
        pool.release(1_000);
        assert!(pool.view().total_shares > 0);
        assert_eq!(
            pool.withdraw_capital(newcomer(), 1, ANY),
            Err(Error::InsufficientCapital)
        );
        assert_eq!(
            pool.withdraw_capital(provider(), 1, ANY),
            Err(Error::InsufficientCapital)
        );
    }

    #[ink::test]
    fn a_first_deposit_must_buy_more_than_the_locked_shares() {
        let mut pool = RiskPool::new(10_000).expect("ratio");
        assert_eq!(
            pool.deposit_capital(provider(), LOCKED_SHARES, 0),
            Err(Error::DepositTooSmall)
        );
        assert_eq!(pool.view().total_shares, 0, "nothing minted");
        assert_eq!(pool.deposit_capital(provider(), LOCKED_SHARES + 1, 0), Ok(1));
    }

    #[test]
    fn mul_div_is_exact_where_the_product_does_not_fit_128_bits() {
        // small: as plain arithmetic, rounded either way
        assert_eq!(mul_div(7, 5, 3, false), Some(11));
        assert_eq!(mul_div(7, 5, 3, true), Some(12));
        assert_eq!(mul_div(6, 5, 3, true), Some(10));
        assert_eq!(mul_div(1, 1, 0, false), None);
        // 2¹⁰⁰ × 2¹⁰⁰ / 2⁹⁰ = 2¹¹⁰
        assert_eq!(mul_div(1 << 100, 1 << 100, 1 << 90, false), Some(1 << 110));
        // (2¹²⁸ − 1)² / (2¹²⁸ − 1) = 2¹²⁸ − 1, and a quotient past 128 bits is refused
        assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX, true), Some(u128::MAX));
        assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX - 1, false), None);
        // a pool of 10⁸ tokens of 12 decimals: 10²⁰ × 10²⁰ / (10²⁰ + 1)
        let (amount, shares, held) = (10u128.pow(20), 10u128.pow(20), 10u128.pow(20) + 1);
        assert_eq!(mul_div(amount, shares, held, false), Some(10u128.pow(20) - 1));
        assert_eq!(mul_div(amount, shares, held, true), Some(10u128.pow(20)));
        // (2¹²⁷ + 3) × 10 / 7, checked against the 256-bit value by hand: 2¹²⁷ × 10 / 7 + 30 / 7
        let big = (1u128 << 127) + 3;
        let expected = ((1u128 << 127) / 7) * 10 + ((1u128 << 127) % 7 * 10 + 30) / 7;
        assert_eq!(mul_div(big, 10, 7, false), Some(expected));
    }

    #[ink::test]
    fn a_pool_of_a_hundred_million_tokens_of_twelve_decimals_prices_its_shares() {
        let token = 10u128.pow(12);
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(provider(), 100_000_000 * token, 0)
            .expect("deposit");
        pool.receive_premium(3 * token, 0).expect("premium");
        let minted = pool.deposit_capital(newcomer(), 50_000_000 * token, 0).expect("priced");
        assert!(minted > 0);
        let worth = pool.capital_of(newcomer());
        assert!(worth <= 50_000_000 * token && worth + 1 >= 50_000_000 * token);
        pool.withdraw_capital(newcomer(), worth, Balance::MAX).expect("priced");
    }

    #[ink::test]
    fn zero_amounts_and_a_zero_ratio_are_refused() {
        assert!(matches!(RiskPool::new(0), Err(Error::InvalidSolvencyRatio)));
        let mut pool = RiskPool::new(1).expect("ratio");
        assert_eq!(pool.deposit_capital(provider(), 0, 0), Err(Error::ZeroAmount));
        assert_eq!(pool.withdraw_capital(provider(), 0, ANY), Err(Error::ZeroAmount));
        assert_eq!(pool.set_solvency_ratio(0), Err(Error::InvalidSolvencyRatio));
        assert_eq!(pool.capital_of(provider()), 0);
    }
}
