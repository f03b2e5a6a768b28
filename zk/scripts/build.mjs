#!/usr/bin/env node
// Rebuilds the circuits' artifacts from their source, reproducibly:
//
//   node zk/scripts/build.mjs           writes zk/artifacts/
//   node zk/scripts/build.mjs --check   rebuilds in a temporary folder and
//                                       fails if any committed artifact differs
//
// Steps per circuit: compile with circom 2 (the `circom2` npm package: the
// R1CS and the witness generator); a DEVELOPMENT phase 1 (powers of tau for
// BN254, 2^10, whose only contribution is a public beacon); phase 2 (the
// circuit's Groth16 keys, again with only a public beacon); the verifying key
// (snarkjs' JSON, and the bytes the zk_verifier contract is instantiated with).
//
// Every step is deterministic, so anyone can check that the committed keys
// come from this source. That is also why they are for development only:
// with public randomness, anybody can compute the setup's toxic waste and
// forge proofs. A production deployment runs the ceremony described in
// zk/README.md and deploys a verifier with the key it produced.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as snarkjs from "snarkjs";
import { encodeVerifyingKey } from "../src/encoding.mjs";

const ZK = join(dirname(fileURLToPath(import.meta.url)), "..");
const ARTIFACTS = join(ZK, "artifacts");
const CIRCUITS = ["at_least"];
const POWER = 10;
// Public beacons (any fixed hex string would do): what makes the
// development setup reproducible, and what makes it insecure.
const PHASE1_BEACON = "48".repeat(32);
const PHASE2_BEACON = "53".repeat(32);
const BEACON_ITERATIONS_EXP = 10;

const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };

function say(text) {
  process.stdout.write(`    ${text}\n`);
}

async function build(out) {
  const work = mkdtempSync(join(tmpdir(), "zk-build-"));
  try {
    say(`phase 1 (development, public beacon): powers of tau 2^${POWER}`);
    const ptau0 = join(work, "pot_0.ptau");
    const ptau1 = join(work, "pot_1.ptau");
    const ptau = join(work, "pot_final.ptau");
    await snarkjs.powersOfTau.newAccumulator(await curve(), POWER, ptau0, quiet);
    await snarkjs.powersOfTau.beacon(ptau0, ptau1, "development beacon", PHASE1_BEACON, BEACON_ITERATIONS_EXP, quiet);
    await snarkjs.powersOfTau.preparePhase2(ptau1, ptau, quiet);
    for (const circuit of CIRCUITS) {
      say(`${circuit}: compile (circom 2)`);
      execFileSync(
        process.execPath,
        [join(ZK, "node_modules/circom2/cli.js"), join(ZK, "circuits", `${circuit}.circom`), "--r1cs", "--wasm", "-o", work],
        { cwd: ZK, stdio: ["ignore", "ignore", "inherit"] },
      );
      copyFileSync(join(work, `${circuit}.r1cs`), join(out, `${circuit}.r1cs`));
      copyFileSync(join(work, `${circuit}_js`, `${circuit}.wasm`), join(out, `${circuit}.wasm`));
      say(`${circuit}: phase 2 (development, public beacon)`);
      const zkey0 = join(work, `${circuit}_0.zkey`);
      await snarkjs.zKey.newZKey(join(out, `${circuit}.r1cs`), ptau, zkey0, quiet);
      await snarkjs.zKey.beacon(zkey0, join(out, `${circuit}.zkey`), "development beacon", PHASE2_BEACON, BEACON_ITERATIONS_EXP, quiet);
      const verifyingKey = await snarkjs.zKey.exportVerificationKey(join(out, `${circuit}.zkey`), quiet);
      writeFileSync(join(out, `${circuit}.vkey.json`), JSON.stringify(verifyingKey, null, 1) + "\n");
      // The zk_verifier constructor's argument (EIP-197 encoding).
      writeFileSync(join(out, `${circuit}.vkey.bin`), encodeVerifyingKey(verifyingKey));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let bn128;
async function curve() {
  bn128 ??= await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
  return bn128;
}

async function main() {
  const check = process.argv.includes("--check");
  const out = check ? mkdtempSync(join(tmpdir(), "zk-check-")) : ARTIFACTS;
  mkdirSync(out, { recursive: true });
  try {
    await build(out);
    if (check) {
      const differing = readdirSync(out).filter((name) => {
        let committed;
        try {
          committed = readFileSync(join(ARTIFACTS, name));
        } catch {
          return true;
        }
        return !committed.equals(readFileSync(join(out, name)));
      });
      if (differing.length > 0) {
        console.error(`error: zk/artifacts differ from what the source builds: ${differing.join(", ")} (run node zk/scripts/build.mjs)`);
        process.exitCode = 1;
      } else {
        say(`zk/artifacts are what the source builds (${readdirSync(out).length} files)`);
      }
    }
  } finally {
    if (check) rmSync(out, { recursive: true, force: true });
    await bn128?.terminate();
  }
}

await main();
// snarkjs keeps worker threads of its own alive: leave once done.
process.exit(process.exitCode ?? 0);
