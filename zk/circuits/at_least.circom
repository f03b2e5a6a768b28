pragma circom 2.1.0;

// "The committed value is at least the threshold", for one claim.
//
// Private: `value` (a lab value in the record's unit, e.g. HbA1c in 0.1 %
// units: 65 means 6.5 %) and `blinding` (a random field element drawn when
// the record was written).
// Public, in this order: `commitment` = Poseidon(value, blinding), which a
// record's attested field leaf is to carry (not written yet: the verifier
// must take it from such a leaf, never from the prover); `threshold`, the
// plan's; `claim`, the claim the proof is made for (so a proof cannot be
// replayed elsewhere).
//
// Both numbers are constrained to 32 bits: GreaterEqThan(32) is sound only
// for inputs below 2^32, and a field element "above" the threshold by
// wrapping around the modulus would otherwise pass.

include "../node_modules/circomlib/circuits/bitify.circom";
include "../node_modules/circomlib/circuits/comparators.circom";
include "../node_modules/circomlib/circuits/poseidon.circom";

template AtLeast() {
    signal input commitment;
    signal input threshold;
    signal input claim;
    signal input value;
    signal input blinding;

    component valueBits = Num2Bits(32);
    valueBits.in <== value;
    component thresholdBits = Num2Bits(32);
    thresholdBits.in <== threshold;

    component atLeast = GreaterEqThan(32);
    atLeast.in[0] <== value;
    atLeast.in[1] <== threshold;
    atLeast.out === 1;

    component hash = Poseidon(2);
    hash.inputs[0] <== value;
    hash.inputs[1] <== blinding;
    hash.out === commitment;

    // snarkjs' setup already binds every public input; this quadratic
    // constraint keeps the claim bound under any other setup too.
    signal claimSquared;
    claimSquared <== claim * claim;
}

component main {public [commitment, threshold, claim]} = AtLeast();
