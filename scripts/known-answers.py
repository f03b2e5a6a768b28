#!/usr/bin/env python3
"""Writes fixtures/known_answers.txt: hashes of the suite's two on-chain
formats, computed here with Python's hashlib.blake2b(digest_size=32) over the
bytes the README documents, independently of the contracts' Rust code.

- Merkle field proofs (record_access::merkle): leaf = blake2(0x00 || salt ||
  field), node = blake2(0x01 || left || right), leaves padded with the zero
  hash to a power of two; a proof lists siblings from the leaf level up.
- Committed fields (interfaces::fields): 0xFF || len(quantity) || quantity
  || C (32 bytes, big-endian), C the Poseidon commitment of the zk known
  answer (zk/fixtures/at_least.known-answer.json), as a field of a record.
- Claim bindings (insurance): the public input a fact proof is bound to,
  blake2(SCALE((insurance account, claim id))) with its first byte zeroed.
- Audit entries (audit_trail): hash = blake2(SCALE((seq, writer, record,
  timestamp, block, prev_hash))) with record = AuditRecord { patient, actor,
  counterpart: Option<AccountId>, action: AuditAction, subject: u64,
  digest: Hash }.

The unit tests of record_access and audit_trail read the fixture and must
agree; an e2e story checks the Merkle vectors on chain with verify_field.
A change of either format therefore fails a test instead of passing unnoticed.

Usage: scripts/known-answers.py [--check]   (--check: fail if the committed
fixture differs from what this script computes)
"""
import hashlib
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "known_answers.txt"
ZERO = bytes(32)
ZK_KNOWN_ANSWER = ROOT / "zk" / "fixtures" / "at_least.known-answer.json"


def blake2(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


# --- Merkle ---------------------------------------------------------------

def leaf(salt: bytes, field: bytes) -> bytes:
    assert len(salt) == 32
    return blake2(b"\x00" + salt + field)


def node(left: bytes, right: bytes) -> bytes:
    return blake2(b"\x01" + left + right)


def levels(leaves):
    width = 1
    while width < len(leaves):
        width *= 2
    level = list(leaves) + [ZERO] * (width - len(leaves))
    out = [level]
    while len(level) > 1:
        level = [node(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        out.append(level)
    return out


def proof(leaves, index):
    siblings = []
    for level in levels(leaves)[:-1]:
        siblings.append(level[index ^ 1])
        index >>= 1
    return siblings


# Field i of a record gets salt bytes([0xA0 + i] * 32): fixed so the vectors are reproducible.
RECORDS = {
    "lab": [b"code=LOINC:4548-4", b"diagnosis=ICD10:E11.9", b"date=2026-11-01"],
    "claim": [
        b"patient-ref=P-0042",
        b"diagnosis=ICD10:J18.9",
        b"procedure=CPT:71046",
        b"date=2026-10-30",
        b"amount=1250.00",
    ],
}


QUANTITY = b"loinc:4548-4/0.1%"
COMMITMENT = int(json.loads(ZK_KNOWN_ANSWER.read_text())["publicSignals"][0]).to_bytes(32, "big")


def committed_field(quantity: bytes, commitment: bytes) -> bytes:
    assert 1 <= len(quantity) <= 64 and len(commitment) == 32
    return b"\xff" + bytes([len(quantity)]) + quantity + commitment


RECORDS["committed"] = [b"code=LOINC:4548-4", committed_field(QUANTITY, COMMITMENT), b"date=2026-11-01"]


def salt(i: int) -> bytes:
    return bytes([0xA0 + i]) * 32


# --- SCALE of an audit entry ---------------------------------------------

def u64(n: int) -> bytes:
    return struct.pack("<Q", n)


def u32(n: int) -> bytes:
    return struct.pack("<I", n)


def account(byte: int) -> bytes:
    return bytes([byte]) * 32


# AuditAction variant indices (declaration order) and Purpose indices.
CONSENT_GRANTED = b"\x00"
PURPOSE_TREATMENT = 0
ACCESS_GRANTED = 8
ACCESS_DENIED = 9
DENIAL_NO_CONSENT = 1


def audit_record(patient, actor, counterpart, action: bytes, subject, digest):
    option = b"\x00" if counterpart is None else b"\x01" + counterpart
    return patient + actor + option + action + u64(subject) + digest


def entry_hash(seq, writer, record, timestamp, block, prev_hash):
    return blake2(u64(seq) + writer + record + u64(timestamp) + u32(block) + prev_hash)


def audit_vectors():
    writer = account(0xC1)
    patient, doctor = account(0x01), account(0x02)
    records = [
        audit_record(patient, patient, doctor, CONSENT_GRANTED, 1, bytes([0x07]) * 32),
        audit_record(patient, doctor, None, bytes([ACCESS_GRANTED, PURPOSE_TREATMENT]), 3, bytes([0x05]) * 32),
        audit_record(
            patient, account(0x09), None, bytes([ACCESS_DENIED, PURPOSE_TREATMENT, DENIAL_NO_CONSENT]), 3, bytes([0x05]) * 32
        ),
    ]
    prev = ZERO
    lines = []
    for i, record in enumerate(records):
        seq, timestamp, block = i + 1, 1_700_000_000_000 + 6_000 * i, 10 + i
        h = entry_hash(seq, writer, record, timestamp, block, prev)
        lines.append(f"audit.{seq}.record {record.hex()}")
        lines.append(f"audit.{seq}.meta {seq} {writer.hex()} {timestamp} {block}")
        lines.append(f"audit.{seq}.prev {prev.hex()}")
        lines.append(f"audit.{seq}.hash {h.hex()}")
        prev = h
    return lines


def merkle_vectors():
    lines = []
    for name, fields in RECORDS.items():
        leaves = [leaf(salt(i), f) for i, f in enumerate(fields)]
        lines.append(f"merkle.{name}.count {len(fields)}")
        for i, f in enumerate(fields):
            lines.append(f"merkle.{name}.field.{i} {salt(i).hex()} {f.hex()}")
            lines.append(f"merkle.{name}.leaf.{i} {leaves[i].hex()}")
            lines.append(f"merkle.{name}.proof.{i} {' '.join(p.hex() for p in proof(leaves, i)) or '-'}")
        lines.append(f"merkle.{name}.root {levels(leaves)[-1][0].hex()}")
    lines.append(f"merkle.committed.quantity {QUANTITY.decode()}")
    lines.append(f"merkle.committed.commitment {COMMITMENT.hex()}")
    return lines


def binding_vectors():
    insurance, claim = account(0xD1), 7
    binding = bytearray(blake2(insurance + u64(claim)))
    binding[0] = 0
    return [f"zk.binding {insurance.hex()} {claim} {bytes(binding).hex()}"]


def render() -> str:
    header = [
        "# Known-answer vectors, written by scripts/known-answers.py (Python hashlib.blake2b, digest_size=32).",
        "# Do not edit by hand; a change of format must change the script and this file together.",
    ]
    return "\n".join(header + merkle_vectors() + binding_vectors() + audit_vectors()) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if not FIXTURE.exists() or FIXTURE.read_text() != text:
            print(f"error: {FIXTURE} differs from what scripts/known-answers.py computes", file=sys.stderr)
            return 1
        print(f"known answers: {FIXTURE.relative_to(ROOT)} matches the independent computation")
        return 0
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(text)
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
