//! The risk oracle's logistic model (`client/risk-model.json`), evaluated in
//! fixed point, so that a contract can score a claim from chain data alone:
//!
//! score = round(10,000 / (1 + e^−z)), z = intercept + Σ weightᵢ · featureᵢ
//!
//! over the features `client/risk-model.mjs` documents. Coefficients and
//! features are Q16.16 (×65,536); e^−t is 2^−n · e^−y with t·log₂e = n + f
//! and y = f·ln 2 < 0.7, and e^−y a degree-7 Taylor polynomial in Q32
//! (relative error below 3×10⁻⁶). The result agrees with the floating-point model
//! within 1 in 10,000 on every vector of `fixtures/risk_model.known-answers.json`.
//!
//! Insurance scores every new claim with it once the admin (governance)
//! has set the coefficients (`set_risk_model`); see docs/ai-and-zk.md.

/// 1.0 in Q16.16.
pub const ONE: i64 = 1 << 16;
/// 1.0 in Q16.16, unsigned.
const ONE_U128: u128 = 1 << 16;
/// 1.0 in Q32.
const ONE_Q32: u128 = 1 << 32;
/// log₂ e in Q32.
const LOG2_E_Q32: u128 = 6_196_328_019;
/// ln 2 in Q32.
const LN_2_Q32: u128 = 2_977_044_472;
/// Beyond |z| = 24, e^−|z| < 4×10⁻¹¹: the score is 0 or 10,000.
const Z_SATURATES: i64 = 24 * ONE;
/// The score's scale: 10,000 is certain risk.
const SCORE_SCALE: u128 = 10_000;

/// The model's coefficients, Q16.16 (a weight of 1.5 is 98,304).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskModel {
    /// The intercept.
    pub intercept: i32,
    /// The weights of amount share, period frequency, early claim, fraud
    /// reasons and unproven, in that order.
    pub weights: [i32; 5],
}

/// A claim's features, Q16.16, as `client/risk-model.mjs` computes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskFeatures(pub [i64; 5]);

/// `numerator / denominator` in Q16.16, capped at 1 (0 for a zero denominator).
fn share(numerator: u128, denominator: u128) -> i64 {
    let ratio = numerator
        .saturating_mul(ONE_U128)
        .checked_div(denominator)
        .unwrap_or(0)
        .min(ONE_U128);
    i64::try_from(ratio).unwrap_or(ONE)
}

impl RiskFeatures {
    /// The features of a claim of `amount` on a plan covering
    /// `coverage_limit` a year with `max_claims_per_period` claims a period
    /// without review, `claims_in_period` claims made in the current period,
    /// submitted `periods_in` whole periods after the policy began, with the
    /// fraud reasons `reasons` (a bitmask) and a field proof or not.
    pub fn of(
        amount: u128,
        coverage_limit: u128,
        claims_in_period: u32,
        max_claims_per_period: u32,
        periods_in: u64,
        reasons: u32,
        proven: bool,
    ) -> Self {
        Self([
            share(amount, coverage_limit),
            share(u128::from(claims_in_period), u128::from(max_claims_per_period.max(1))),
            share(1, u128::from(periods_in).saturating_add(1)),
            i64::from(reasons.count_ones()).saturating_mul(ONE),
            if proven { 0 } else { ONE },
        ])
    }
}

impl RiskModel {
    /// The model whose coefficients are `intercept` and `weights` in whole
    /// units (for tests and tools: the contract takes Q16.16 directly).
    #[cfg(feature = "std")]
    #[allow(clippy::cast_possible_truncation)] // coefficients are far inside i32 in Q16.16
    pub fn from_float(intercept: f64, weights: [f64; 5]) -> Self {
        let q = |value: f64| (value * ONE as f64).round() as i32;
        Self {
            intercept: q(intercept),
            weights: weights.map(q),
        }
    }

    /// z = intercept + Σ weightᵢ · featureᵢ, Q16.16.
    pub fn logit(&self, features: &RiskFeatures) -> i64 {
        self.weights
            .iter()
            .zip(features.0)
            .fold(i64::from(self.intercept), |z, (weight, feature)| {
                z.saturating_add(i64::from(*weight).saturating_mul(feature).wrapping_shr(16))
            })
    }

    /// The score, 0 to 10,000.
    pub fn score(&self, features: &RiskFeatures) -> u16 {
        score_of_logit(self.logit(features))
    }
}

/// e^−t for `t` ≥ 0 in Q16.16, as Q32.
fn exp_minus(t: i64) -> u128 {
    let t = u128::try_from(t).unwrap_or(0);
    let scaled = t.saturating_mul(LOG2_E_Q32).wrapping_shr(16); // t·log₂e, Q32
    let whole = scaled.wrapping_shr(32);
    let fraction = scaled & (ONE_Q32.saturating_sub(1));
    let y = fraction.saturating_mul(LN_2_Q32).wrapping_shr(32); // f·ln 2 < 0.7, Q32
                                                                // e^−y = 1 − y(1 − y/2(1 − y/3(… (1 − y/7)))), every factor in [0, 1]
    let mut acc = ONE_Q32;
    for k in (1..=7u128).rev() {
        let term = y.checked_div(k).unwrap_or(0).saturating_mul(acc).wrapping_shr(32);
        acc = ONE_Q32.saturating_sub(term);
    }
    acc.checked_shr(u32::try_from(whole).unwrap_or(u32::MAX)).unwrap_or(0)
}

/// round(10,000 / (1 + e^−z)) for `z` in Q16.16.
pub fn score_of_logit(z: i64) -> u16 {
    if z >= Z_SATURATES {
        return 10_000;
    }
    if z <= Z_SATURATES.saturating_neg() {
        return 0;
    }
    let e = exp_minus(z.saturating_abs());
    // z ≥ 0: 1 / (1 + e^−z); z < 0: e^z / (1 + e^z), with e = e^−|z|
    let numerator = if z >= 0 { ONE_Q32 } else { e };
    let denominator = ONE_Q32.saturating_add(e);
    let rounded = numerator
        .saturating_mul(SCORE_SCALE)
        .saturating_mul(2)
        .saturating_add(denominator)
        .checked_div(denominator.saturating_mul(2))
        .unwrap_or(0);
    u16::try_from(rounded).unwrap_or(10_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const VECTORS: &str = include_str!("../../../fixtures/risk_model.known-answers.json");
    const FEATURES: [&str; 5] = [
        "amount_share",
        "period_frequency",
        "early_claim",
        "fraud_reasons",
        "unproven",
    ];

    fn number(value: &Value) -> u64 {
        value.as_u64().expect("a whole number")
    }

    #[test]
    fn the_fixed_point_model_agrees_with_the_oracles_within_one_in_ten_thousand() {
        let vectors: Value = serde_json::from_str(VECTORS).expect("json");
        let mut checked = 0;
        let mut worst = 0i32;
        for model in vectors["models"].as_array().expect("models") {
            // given a model as governance would set it (Q16.16 coefficients)
            let weights = FEATURES.map(|name| model["weights"][name].as_f64().expect("weight"));
            let model_q = RiskModel::from_float(model["intercept"].as_f64().expect("intercept"), weights);
            for case in model["cases"].as_array().expect("cases") {
                let field = |i: usize| number(&case[i]);
                // when the contract scores the claim
                let features = RiskFeatures::of(
                    u128::from(field(0)),
                    u128::from(field(1)),
                    field(2) as u32,
                    field(3) as u32,
                    field(4),
                    field(5) as u32,
                    field(6) == 1,
                );
                let ours = i32::from(model_q.score(&features));
                // then it is the oracle's score, give or take one
                let theirs = field(7) as i32;
                assert!(
                    (ours - theirs).abs() <= 1,
                    "case {case}: contract {ours}, oracle {theirs}"
                );
                worst = worst.max((ours - theirs).abs());
                checked += 1;
            }
        }
        assert_eq!(checked, 360);
        assert!(worst <= 1);
    }

    #[test]
    fn the_sigmoid_is_exact_where_it_is_known_and_saturates_at_the_ends() {
        assert_eq!(score_of_logit(0), 5_000);
        // σ(ln 3) = 0.75, σ(−ln 3) = 0.25
        let ln_3 = (1.098_612_288_668_11_f64 * ONE as f64).round() as i64;
        assert_eq!(score_of_logit(ln_3), 7_500);
        assert_eq!(score_of_logit(-ln_3), 2_500);
        assert_eq!(score_of_logit(30 * ONE), 10_000);
        assert_eq!(score_of_logit(-30 * ONE), 0);
        assert_eq!(score_of_logit(i64::MAX), 10_000);
        assert_eq!(score_of_logit(i64::MIN), 0);
        // and it never decreases as z grows
        let mut last = 0;
        for z in (-20 * ONE..=20 * ONE).step_by(997) {
            let score = score_of_logit(z);
            assert!(score >= last, "z = {z}");
            last = score;
        }
    }

    #[test]
    fn features_cap_at_one_and_a_zero_allowance_counts_as_one() {
        let features = RiskFeatures::of(20_000, 5_000, 4, 0, 0, 0b101, false);
        assert_eq!(features.0, [ONE, ONE, ONE, 2 * ONE, ONE]);
        let none = RiskFeatures::of(0, 0, 0, 3, 3, 0, true);
        assert_eq!(none.0, [0, 0, ONE / 4, 0, 0]);
    }
}
