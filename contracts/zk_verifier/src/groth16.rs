//! Groth16 over BN254, in plain Rust (no ink!): the verifying key, the proof,
//! the public inputs, and the check.
//!
//! Byte formats (those of EIP-197 and of snarkjs' `exportsoliditycalldata`):
//! a base-field element is 32 bytes big-endian; a G1 point is `x ‖ y`
//! (64 bytes); a G2 point is `x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0` (128 bytes, the
//! imaginary part first); a scalar (public input) is 32 bytes big-endian.
//! The point at infinity has no encoding here: (0, 0) is not on either curve,
//! and no honest key or proof contains it.
//!
//! - verifying key: `α` (G1) ‖ `β` (G2) ‖ `γ` (G2) ‖ `δ` (G2) ‖ `IC₀ … ICₙ`
//!   (G1), for `n` public inputs;
//! - proof: `A` (G1) ‖ `B` (G2) ‖ `C` (G1), 256 bytes.
//!
//! The proof holds when e(A, B) = e(α, β) · e(L, γ) · e(C, δ), with
//! L = IC₀ + Σ xᵢ·ICᵢ; checked as one multi-pairing equal to 1.

use ark_bn254::{Bn254, Fq, Fq12, Fq2, Fq6, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInt, PrimeField};
use ink::prelude::vec::Vec;

/// Bytes of a G1 point.
pub const G1_BYTES: usize = 64;
/// Bytes of a G2 point.
pub const G2_BYTES: usize = 128;
/// Bytes of a proof: `A`, `B`, `C`.
pub const PROOF_BYTES: usize = G1_BYTES + G2_BYTES + G1_BYTES;
/// Most public inputs a verifying key may take (each costs about 3.5×10⁹
/// ref_time to verify).
pub const MAX_PUBLIC_INPUTS: usize = 16;

/// Which point of a proof.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofPoint {
    A,
    B,
    C,
}

/// Why a proof (or its public inputs) could not be checked. A proof that is
/// well formed but false is not an error: [`VerifyingKey::verify`] returns
/// `Ok(false)`.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    /// The proof is not [`PROOF_BYTES`] long.
    ProofLength { found: u32 },
    /// Not as many public inputs as the key takes.
    InputCount { expected: u8, found: u32 },
    /// A coordinate of the point is not below the base field's modulus.
    CoordinateNotInField { point: ProofPoint },
    /// Public input `input` is not below the group order r.
    ScalarNotInGroup { input: u8 },
    /// The point is not on its curve (this includes (0, 0)).
    NotOnCurve { point: ProofPoint },
    /// The G2 point is on the curve but outside the order-r subgroup.
    NotInSubgroup { point: ProofPoint },
}

/// Why bytes are not a verifying key.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// Not `64 + 3·128 + 64·(n + 1)` bytes for some 1 ≤ n ≤ [`MAX_PUBLIC_INPUTS`].
    KeyLength { found: u32 },
    /// Element `element` of the key (0 = α, 1 = β, 2 = γ, 3 = δ, 4 + i =
    /// ICᵢ) is not a point of its curve's order-r subgroup, or has a
    /// coordinate outside the field.
    KeyPoint { element: u8 },
}

/// Why a point failed to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PointError {
    Field,
    Curve,
    Subgroup,
}

/// Reads fixed-size pieces off the front of a byte string.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<&'a [u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(head)
    }

    fn field(&mut self) -> Result<Fq, PointError> {
        let bytes = self.take::<32>().ok_or(PointError::Field)?;
        Fq::from_bigint(big_integer(bytes)).ok_or(PointError::Field)
    }

    /// A G1 point, its coordinates in the field, on the curve (G1 has
    /// cofactor 1, so on the curve is in the group).
    fn g1(&mut self) -> Result<G1Affine, PointError> {
        let point = G1Affine::new_unchecked(self.field()?, self.field()?);
        if !point.is_on_curve() {
            return Err(PointError::Curve);
        }
        Ok(point)
    }

    /// A G2 point (imaginary parts first), its coordinates in the field,
    /// on the curve and in the order-r subgroup.
    fn g2(&mut self) -> Result<G2Affine, PointError> {
        let (x1, x0, y1, y0) = (self.field()?, self.field()?, self.field()?, self.field()?);
        let point = G2Affine::new_unchecked(Fq2::new(x0, x1), Fq2::new(y0, y1));
        if !point.is_on_curve() {
            return Err(PointError::Curve);
        }
        if !point.is_in_correct_subgroup_assuming_on_curve() {
            return Err(PointError::Subgroup);
        }
        Ok(point)
    }
}

/// 32 big-endian bytes as four little-endian limbs.
fn big_integer(bytes: &[u8; 32]) -> BigInt<4> {
    let mut limbs = [0u64; 4];
    for (limb, chunk) in limbs.iter_mut().rev().zip(bytes.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *limb = u64::from_be_bytes(word);
    }
    BigInt::new(limbs)
}

fn small(count: usize) -> u8 {
    u8::try_from(count).unwrap_or(u8::MAX)
}

fn length(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).unwrap_or(u32::MAX)
}

/// Names the key element `element` (then counts it) if `outcome` failed.
fn key_point<T>(outcome: Result<T, PointError>, element: &mut u8) -> Result<T, KeyError> {
    let at = *element;
    *element = element.saturating_add(1);
    outcome.map_err(|_| KeyError::KeyPoint { element: at })
}

/// Bytes of a key's fixed part: α, β, γ, δ.
const KEY_FIXED_BYTES: usize = G1_BYTES + 3 * G2_BYTES;

/// A Groth16 verifying key for circuits with `inputs()` public inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    alpha: G1Affine,
    beta: G2Affine,
    gamma: G2Affine,
    delta: G2Affine,
    /// IC₀, then one point per public input.
    ic_zero: G1Affine,
    ic: Vec<G1Affine>,
}

impl VerifyingKey {
    /// The key in `bytes`, every point checked (on its curve and in its
    /// group): done once, when the verifier is instantiated.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let wrong_length = KeyError::KeyLength { found: length(bytes) };
        let ic_bytes = bytes.len().checked_sub(KEY_FIXED_BYTES).ok_or(wrong_length)?;
        let inputs = (ic_bytes / G1_BYTES).saturating_sub(1);
        if ic_bytes % G1_BYTES != 0 || !(1..=MAX_PUBLIC_INPUTS).contains(&inputs) {
            return Err(wrong_length);
        }
        let mut reader = Reader(bytes);
        let mut element = 0u8;
        let alpha = key_point(reader.g1(), &mut element)?;
        let beta = key_point(reader.g2(), &mut element)?;
        let gamma = key_point(reader.g2(), &mut element)?;
        let delta = key_point(reader.g2(), &mut element)?;
        let ic_zero = key_point(reader.g1(), &mut element)?;
        let ic = (0..inputs)
            .map(|_| key_point(reader.g1(), &mut element))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            alpha,
            beta,
            gamma,
            delta,
            ic_zero,
            ic,
        })
    }

    /// The key prepared for verification (see [`PreparedKey`]).
    pub fn prepare(&self) -> PreparedKey {
        PreparedKey {
            alpha_beta: Bn254::pairing(self.alpha, self.beta).0,
            gamma: self.gamma.into(),
            delta: self.delta.into(),
            ic_zero: self.ic_zero,
            ic: self.ic.clone(),
        }
    }

    /// How many public inputs a proof under this key has.
    pub fn inputs(&self) -> usize {
        self.ic.len()
    }
}

/// A verifying key prepared for verification, once, when the verifier is
/// instantiated: e(α, β) is computed, and γ and δ's Miller-loop line
/// coefficients too, so a verification runs three Miller loops over two
/// prepared points and one fresh one, not four fresh ones (about a fifth
/// less ref_time). Stored by the verifier as [`PreparedKey::to_bytes`]
/// (about 34 KB for a key of three inputs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedKey {
    alpha_beta: Fq12,
    gamma: G2Prepared,
    delta: G2Prepared,
    /// IC₀, then one point per public input.
    ic_zero: G1Affine,
    ic: Vec<G1Affine>,
}

/// Miller-loop line coefficients of a fixed G2 point.
type G2Prepared = <Bn254 as Pairing>::G2Prepared;

/// Appends field elements in their Montgomery form, as four little-endian
/// limbs: the stored form is the arithmetic's own, so loading it costs no
/// conversion.
fn put_fq(out: &mut Vec<u8>, values: &[Fq]) {
    for value in values {
        for limb in value.0 .0 {
            out.extend_from_slice(&limb.to_le_bytes());
        }
    }
}

fn put_prepared(out: &mut Vec<u8>, point: &G2Prepared) {
    let count = u32::try_from(point.ell_coeffs.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&count.to_le_bytes());
    for (a, b, c) in &point.ell_coeffs {
        put_fq(out, &[a.c0, a.c1, b.c0, b.c1, c.c0, c.c1]);
    }
}

impl Reader<'_> {
    /// A field element [`put_fq`] wrote.
    fn stored_fq(&mut self) -> Option<Fq> {
        let mut limbs = [0u64; 4];
        for limb in &mut limbs {
            *limb = u64::from_le_bytes(*self.take::<8>()?);
        }
        Some(Fq::new_unchecked(BigInt::new(limbs)))
    }

    fn stored_fq2(&mut self) -> Option<Fq2> {
        Some(Fq2::new(self.stored_fq()?, self.stored_fq()?))
    }

    fn stored_fq6(&mut self) -> Option<Fq6> {
        Some(Fq6::new(self.stored_fq2()?, self.stored_fq2()?, self.stored_fq2()?))
    }

    fn stored_g1(&mut self) -> Option<G1Affine> {
        Some(G1Affine::new_unchecked(self.stored_fq()?, self.stored_fq()?))
    }

    fn stored_prepared(&mut self) -> Option<G2Prepared> {
        let count = u32::from_le_bytes(*self.take::<4>()?);
        let ell_coeffs = (0..count)
            .map(|_| Some((self.stored_fq2()?, self.stored_fq2()?, self.stored_fq2()?)))
            .collect::<Option<_>>()?;
        Some(G2Prepared {
            ell_coeffs,
            infinity: false,
        })
    }
}

impl PreparedKey {
    /// The key as stored: e(α, β), γ and δ's coefficients, IC₀ … ICₙ.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let Fq12 { c0, c1 } = self.alpha_beta;
        for half in [c0, c1] {
            for part in [half.c0, half.c1, half.c2] {
                put_fq(&mut out, &[part.c0, part.c1]);
            }
        }
        put_prepared(&mut out, &self.gamma);
        put_prepared(&mut out, &self.delta);
        for point in core::iter::once(&self.ic_zero).chain(&self.ic) {
            put_fq(&mut out, &[point.x, point.y]);
        }
        out
    }

    /// The key [`PreparedKey::to_bytes`] wrote (and only such bytes: they
    /// are the verifier's own storage, not a caller's input); `None` if
    /// they are not.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut reader = Reader(bytes);
        let alpha_beta = Fq12::new(reader.stored_fq6()?, reader.stored_fq6()?);
        let gamma = reader.stored_prepared()?;
        let delta = reader.stored_prepared()?;
        let ic_zero = reader.stored_g1()?;
        let mut ic = Vec::new();
        while !reader.0.is_empty() {
            ic.push(reader.stored_g1()?);
        }
        Some(Self {
            alpha_beta,
            gamma,
            delta,
            ic_zero,
            ic,
        })
    }

    /// How many public inputs a proof under this key has.
    pub fn inputs(&self) -> usize {
        self.ic.len()
    }

    /// Whether `proof` (see the module's byte format) proves the statement
    /// with `public_inputs`. `Err` if the proof or an input is malformed;
    /// `Ok(false)` if it is well formed but does not verify.
    pub fn verify(self, proof: &[u8], public_inputs: &[[u8; 32]]) -> Result<bool, ProofError> {
        let proof = Proof::from_bytes(proof)?;
        let scalars = scalars(public_inputs, self.inputs())?;
        Ok(self.check(&proof, &scalars))
    }

    /// Whether the checked `proof` holds for `scalars` (one per input;
    /// any other number is `false`, never a statement with inputs left out).
    pub fn check(self, proof: &Proof, scalars: &[Fr]) -> bool {
        if scalars.len() != self.ic.len() {
            return false;
        }
        let mut accumulated = G1Projective::from(self.ic_zero);
        for (scalar, base) in scalars.iter().zip(&self.ic) {
            // Group arithmetic: no overflow exists to side-effect.
            #[allow(clippy::arithmetic_side_effects)]
            {
                accumulated += base.mul_bigint(scalar.into_bigint());
            }
        }
        // e(A, B) · e(−L, γ) · e(−C, δ) = e(α, β)
        #[allow(clippy::arithmetic_side_effects)]
        let (minus_l, minus_c) = (-accumulated.into_affine(), -proof.c);
        let loops = Bn254::multi_miller_loop(
            [proof.a, minus_l, minus_c],
            [G2Prepared::from(proof.b), self.gamma, self.delta],
        );
        Bn254::final_exponentiation(loops).is_some_and(|product| product.0 == self.alpha_beta)
    }
}

/// A proof whose points are checked: coordinates in the field, on their
/// curves, B in the order-r subgroup. Checked before any key is read, so a
/// malformed proof is refused at the cost of its own bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    a: G1Affine,
    b: G2Affine,
    c: G1Affine,
}

impl Proof {
    /// The proof in `bytes` (A ‖ B ‖ C), or what is wrong with it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ProofError> {
        if bytes.len() != PROOF_BYTES {
            return Err(ProofError::ProofLength { found: length(bytes) });
        }
        let named = |point: ProofPoint| {
            move |error: PointError| match error {
                PointError::Field => ProofError::CoordinateNotInField { point },
                PointError::Curve => ProofError::NotOnCurve { point },
                PointError::Subgroup => ProofError::NotInSubgroup { point },
            }
        };
        let mut reader = Reader(bytes);
        Ok(Self {
            a: reader.g1().map_err(named(ProofPoint::A))?,
            b: reader.g2().map_err(named(ProofPoint::B))?,
            c: reader.g1().map_err(named(ProofPoint::C))?,
        })
    }
}

/// The public inputs as scalars, if there are `expected` of them and each
/// is below the group order r.
pub fn scalars(public_inputs: &[[u8; 32]], expected: usize) -> Result<Vec<Fr>, ProofError> {
    if public_inputs.len() != expected {
        return Err(ProofError::InputCount {
            expected: small(expected),
            found: u32::try_from(public_inputs.len()).unwrap_or(u32::MAX),
        });
    }
    public_inputs
        .iter()
        .enumerate()
        .map(|(index, input)| {
            Fr::from_bigint(big_integer(input)).ok_or(ProofError::ScalarNotInGroup { input: small(index) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! Known answers: a proof snarkjs 0.7.6 made for zk/circuits/at_least.circom
    //! under the committed development key (zk/fixtures, zk/artifacts), which
    //! `snarkjs groth16 verify` accepts (zk/test/at-least.test.mjs).
    use super::*;
    use ark_ff::Zero;
    use serde_json::Value;

    const VKEY: &str = include_str!("../../../zk/artifacts/at_least.vkey.json");
    const KNOWN_ANSWER: &str = include_str!("../../../zk/fixtures/at_least.known-answer.json");

    /// A decimal string as 32 big-endian bytes.
    fn decimal(text: &str) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        for digit in text.bytes() {
            assert!(digit.is_ascii_digit(), "not a decimal: {text}");
            let mut carry = u32::from(digit - b'0');
            for byte in bytes.iter_mut().rev() {
                let product = u32::from(*byte) * 10 + carry;
                *byte = (product & 0xff) as u8;
                carry = product >> 8;
            }
            assert_eq!(carry, 0, "over 256 bits: {text}");
        }
        bytes
    }

    fn text(value: &Value) -> &str {
        value.as_str().expect("a decimal string")
    }

    fn g1_bytes(point: &Value) -> Vec<u8> {
        [decimal(text(&point[0])), decimal(text(&point[1]))].concat()
    }

    /// EIP-197: x.c1, x.c0, y.c1, y.c0 (snarkjs lists c0 first).
    fn g2_bytes(point: &Value) -> Vec<u8> {
        [&point[0][1], &point[0][0], &point[1][1], &point[1][0]]
            .into_iter()
            .flat_map(|c| decimal(text(c)))
            .collect()
    }

    fn key_bytes() -> Vec<u8> {
        let vkey: Value = serde_json::from_str(VKEY).expect("json");
        let mut bytes = g1_bytes(&vkey["vk_alpha_1"]);
        for name in ["vk_beta_2", "vk_gamma_2", "vk_delta_2"] {
            bytes.extend(g2_bytes(&vkey[name]));
        }
        for point in vkey["IC"].as_array().expect("IC") {
            bytes.extend(g1_bytes(point));
        }
        bytes
    }

    fn known_answer() -> (Vec<u8>, Vec<[u8; 32]>) {
        let answer: Value = serde_json::from_str(KNOWN_ANSWER).expect("json");
        let proof = &answer["proof"];
        let bytes = [
            g1_bytes(&proof["pi_a"]),
            g2_bytes(&proof["pi_b"]),
            g1_bytes(&proof["pi_c"]),
        ]
        .concat();
        let inputs = answer["publicSignals"]
            .as_array()
            .expect("signals")
            .iter()
            .map(|signal| decimal(text(signal)))
            .collect();
        (bytes, inputs)
    }

    fn key() -> PreparedKey {
        VerifyingKey::from_bytes(&key_bytes())
            .expect("the committed key")
            .prepare()
    }

    /// BN254's base-field modulus p, big-endian.
    fn modulus() -> [u8; 32] {
        decimal("21888242871839275222246405745257275088696311157297823662689037894645226208583")
    }

    /// The scalar group's order r, big-endian.
    fn order() -> [u8; 32] {
        decimal("21888242871839275222246405745257275088548364400416034343698204186575808495617")
    }

    #[test]
    fn the_known_answer_verifies() {
        let (proof, inputs) = known_answer();
        assert_eq!(key().inputs(), 3);
        assert_eq!(key().verify(&proof, &inputs), Ok(true));
        // and a check given fewer scalars than the key's inputs is false
        let checked = Proof::from_bytes(&proof).expect("a well-formed proof");
        let all = scalars(&inputs, 3).expect("three inputs");
        assert!(key().check(&checked, &all));
        assert!(!key().check(&checked, &all[..2]));
        // and the stored form of the prepared key is the same key
        let stored = key().to_bytes();
        assert_eq!(PreparedKey::from_bytes(&stored), Some(key()));
        assert_eq!(PreparedKey::from_bytes(&stored[..stored.len() - 1]), None);
        // and the Node encoder (zk/src/encoding.mjs) wrote the same bytes
        assert_eq!(
            include_bytes!("../../../zk/artifacts/at_least.vkey.bin").as_slice(),
            key_bytes()
        );
        let answer: Value = serde_json::from_str(KNOWN_ANSWER).expect("json");
        let hex: String = proof.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(answer["encoded"]["proof"].as_str(), Some(hex.as_str()));
    }

    #[test]
    fn a_changed_commitment_threshold_or_claim_is_refused() {
        let (proof, inputs) = known_answer();
        for (index, name) in ["commitment", "threshold", "claim"].into_iter().enumerate() {
            let mut changed = inputs.clone();
            changed[index][31] ^= 1;
            assert_eq!(key().verify(&proof, &changed), Ok(false), "{name}");
        }
        // a lower threshold than the one proven: 64 instead of 65
        let mut lower = inputs.clone();
        lower[1] = decimal("64");
        assert_eq!(key().verify(&proof, &lower), Ok(false));
    }

    #[test]
    fn each_changed_proof_coordinate_is_refused() {
        let (proof, inputs) = known_answer();
        for coordinate in 0..PROOF_BYTES / 32 {
            let mut changed = proof.clone();
            changed[coordinate * 32 + 31] ^= 1;
            let outcome = key().verify(&changed, &inputs);
            assert!(
                matches!(outcome, Ok(false) | Err(_)),
                "coordinate {coordinate}: {outcome:?}"
            );
            assert_ne!(outcome, Ok(true), "coordinate {coordinate}");
        }
    }

    #[test]
    fn malformed_proofs_and_inputs_are_refused_each_with_its_own_error() {
        let (proof, inputs) = known_answer();
        assert_eq!(
            key().verify(&proof[..255], &inputs),
            Err(ProofError::ProofLength { found: 255 })
        );
        assert_eq!(
            key().verify(&[proof.clone(), vec![0]].concat(), &inputs),
            Err(ProofError::ProofLength { found: 257 })
        );
        assert_eq!(
            key().verify(&proof, &inputs[..2]),
            Err(ProofError::InputCount { expected: 3, found: 2 })
        );
        // a coordinate equal to the modulus, in each point
        for (offset, point) in [(0, ProofPoint::A), (64 + 32, ProofPoint::B), (192 + 32, ProofPoint::C)] {
            let mut changed = proof.clone();
            changed[offset..offset + 32].copy_from_slice(&modulus());
            assert_eq!(
                key().verify(&changed, &inputs),
                Err(ProofError::CoordinateNotInField { point })
            );
        }
        // an input equal to the group order (its value mod r would verify)
        let mut wrapped = inputs.clone();
        wrapped[2] = order();
        assert_eq!(
            key().verify(&proof, &wrapped),
            Err(ProofError::ScalarNotInGroup { input: 2 })
        );
        // (0, 0), the usual encoding of infinity, is not on the curve
        for (range, point) in [
            (0..64, ProofPoint::A),
            (64..192, ProofPoint::B),
            (192..256, ProofPoint::C),
        ] {
            let mut changed = proof.clone();
            changed[range].fill(0);
            assert_eq!(key().verify(&changed, &inputs), Err(ProofError::NotOnCurve { point }));
        }
    }

    #[test]
    fn a_g2_point_on_the_curve_but_outside_the_subgroup_is_refused() {
        // given a point of the twist that is not of order r: x = 1 has a
        // y on the twist y² = x³ + 3/(9+u) (found by the search below), and
        // the twist's cofactor is large, so such a point is almost surely
        // outside the subgroup
        let (proof, inputs) = known_answer();
        let point = (1u64..)
            .find_map(|x| {
                let x = Fq2::new(Fq::from(x), Fq::zero());
                G2Affine::get_point_from_x_unchecked(x, false)
            })
            .expect("a point");
        assert!(point.is_on_curve());
        assert!(!point.is_in_correct_subgroup_assuming_on_curve());
        let mut encoded = Vec::new();
        for c in [point.x.c1, point.x.c0, point.y.c1, point.y.c0] {
            let limbs = c.into_bigint().0;
            encoded.extend(limbs.iter().rev().flat_map(|limb| limb.to_be_bytes()));
        }
        let mut changed = proof.clone();
        changed[64..192].copy_from_slice(&encoded);
        // then the proof is refused for its B point
        assert_eq!(
            key().verify(&changed, &inputs),
            Err(ProofError::NotInSubgroup { point: ProofPoint::B })
        );
    }

    #[test]
    fn malformed_keys_are_refused() {
        let bytes = key_bytes();
        assert_eq!(
            VerifyingKey::from_bytes(&bytes[..100]),
            Err(KeyError::KeyLength { found: 100 })
        );
        assert_eq!(
            VerifyingKey::from_bytes(&bytes[..bytes.len() - 1]),
            Err(KeyError::KeyLength { found: 703 })
        );
        // a key for no public input at all
        assert_eq!(
            VerifyingKey::from_bytes(&bytes[..448 + 64]),
            Err(KeyError::KeyLength { found: 512 })
        );
        // each element changed in its last byte is no longer on its curve
        for (element, offset) in [(0u8, 0usize), (1, 64), (2, 192), (3, 320), (4, 448), (7, 448 + 192)] {
            let mut changed = bytes.clone();
            changed[offset + 63] ^= 1;
            assert_eq!(
                VerifyingKey::from_bytes(&changed),
                Err(KeyError::KeyPoint { element }),
                "element {element}"
            );
        }
    }
}
