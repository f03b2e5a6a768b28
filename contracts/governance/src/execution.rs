//! Making a proposal's calls, checked to the innermost result.
//!
//! A call goes out with `build_call` (reentry off, all remaining gas, the
//! proposal's value) and comes back in three layers. ink! hands a callee
//! that *reverted* (returned `Err` from its message) back as
//! `Ok(Ok(<its answer>))`, so the outer layers alone would take a refused
//! call for a success: the callee's own `Result` is decoded too, and its
//! `Err`, a `LangError` and a trap all count as failure.

use crate::error::CallFault;
use crate::proposal::ProposedCall;
use crate::settings::Settings;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::scale::{Decode, DecodeAll, Encode, Input, Output};
use interfaces::{AccountId, Hash, Timestamp};

/// Selector of governance's own `set_settings`.
pub const SET_SETTINGS: [u8; 4] = ink::selector_bytes!("set_settings");
/// Selector of `AdminControl::set_code` (governance's own, when addressed to it).
pub const SET_CODE: [u8; 4] = ink::selector_bytes!("AdminControl::set_code");

/// A call addressed to governance itself, which it performs internally
/// (a contract calling itself is reentry, which stays off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCall {
    /// New settings (already checked).
    Settings(Settings),
    /// New code for governance.
    Code(Hash),
}

impl SelfCall {
    /// The self-call `call` stands for, if it is one governance performs:
    /// `set_settings` with valid settings (a voting period no shorter than
    /// this governance's `voting_period_floor`) or `set_code` with a hash,
    /// no value transferred, the input exactly one argument.
    pub fn from_call(call: &ProposedCall, voting_period_floor: Timestamp) -> Option<SelfCall> {
        if call.value != 0 {
            return None;
        }
        let input = &mut &call.input[..];
        match call.selector {
            SET_SETTINGS => Settings::decode_all(input)
                .ok()
                .filter(|settings| settings.check().is_ok() && settings.voting_period >= voting_period_floor)
                .map(SelfCall::Settings),
            SET_CODE => Hash::decode_all(input).ok().map(SelfCall::Code),
            _ => None,
        }
    }
}

/// Whether `calls` do nothing but replace or remove the guardian: each is
/// governance's own `set_settings` (addressed to `own`) with the `current`
/// settings but for the guardian, and at least one changes it. Only such a
/// proposal is beyond the guardian's veto: any other call in it would ride
/// on that protection.
pub fn only_replaces_guardian(calls: &[ProposedCall], own: AccountId, current: &Settings) -> bool {
    let mut replaces = false;
    for call in calls {
        if call.callee != own || call.selector != SET_SETTINGS || call.value != 0 {
            return false;
        }
        let Ok(settings) = Settings::decode_all(&mut &call.input[..]) else {
            return false;
        };
        let but_the_guardian = Settings {
            guardian: current.guardian,
            ..settings
        };
        if but_the_guardian != *current {
            return false;
        }
        replaces |= settings.guardian != current.guardian;
    }
    replaces
}

/// The arguments of a call, already SCALE-encoded, passed on as they are.
struct RawInput<'a>(&'a [u8]);

impl Encode for RawInput<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }

    fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
        dest.write(self.0);
    }
}

/// Whether the callee's own answer was `Ok` (first byte 0) or `Err`
/// (first byte 1); the value after it is the callee's business and is
/// skipped. An answer that is not a `Result` does not decode.
#[derive(Debug, PartialEq, Eq)]
pub struct CalleeVerdict(pub bool);

impl Decode for CalleeVerdict {
    fn decode<I: Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
        let ok = match input.read_byte()? {
            0 => true,
            1 => false,
            _ => return Err("the callee's answer is not a Result".into()),
        };
        let rest = input.remaining_len()?.unwrap_or(0);
        let mut skipped = ink::prelude::vec![0u8; rest];
        input.read(&mut skipped)?;
        Ok(CalleeVerdict(ok))
    }
}

/// Makes `call` and says how it failed, if it did.
pub fn call_out(call: &ProposedCall) -> Result<(), CallFault> {
    let outcome = build_call::<DefaultEnvironment>()
        .call(call.callee)
        .transferred_value(call.value)
        .exec_input(ExecutionInput::new(Selector::new(call.selector)).push_arg(RawInput(&call.input)))
        .returns::<CalleeVerdict>()
        .try_invoke();
    verdict(outcome)
}

/// Maps the three layers of a call's answer to success or a [`CallFault`].
pub fn verdict(outcome: ink::env::Result<ink::MessageResult<CalleeVerdict>>) -> Result<(), CallFault> {
    match outcome {
        Ok(Ok(CalleeVerdict(true))) => Ok(()),
        Ok(Ok(CalleeVerdict(false))) => Err(CallFault::Refused),
        Ok(Err(_)) => Err(CallFault::NotAMessage),
        Err(_) => Err(CallFault::Trapped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::fixtures::settings;
    use interfaces::AccountId;

    #[test]
    fn only_an_innermost_ok_is_success() {
        // an answer `Ok(Ok(()))`, `Ok(Err(e))`, and a plain value, as the callee encodes them
        let ok = Ok::<(), u8>(()).encode();
        let refused = Err::<(), (u8, u8)>((3, 4)).encode();
        assert_eq!(CalleeVerdict::decode_all(&mut &ok[..]), Ok(CalleeVerdict(true)));
        assert_eq!(CalleeVerdict::decode_all(&mut &refused[..]), Ok(CalleeVerdict(false)));
        assert!(CalleeVerdict::decode_all(&mut &[7u8][..]).is_err(), "not a Result");
        assert!(
            CalleeVerdict::decode_all(&mut &[][..]).is_err(),
            "a message returning ()"
        );
        assert_eq!(verdict(Ok(Ok(CalleeVerdict(true)))), Ok(()));
        assert_eq!(verdict(Ok(Ok(CalleeVerdict(false)))), Err(CallFault::Refused));
        assert_eq!(
            verdict(Ok(Err(ink::LangError::CouldNotReadInput))),
            Err(CallFault::NotAMessage)
        );
        assert_eq!(
            verdict(Err(ink::env::Error::ReturnError(
                ink::env::ReturnErrorCode::CalleeTrapped
            ))),
            Err(CallFault::Trapped)
        );
    }

    #[test]
    fn governance_performs_only_its_own_two_messages_with_valid_arguments() {
        let call = |selector, input: Vec<u8>, value| ProposedCall {
            callee: AccountId::from([7; 32]),
            selector,
            input,
            value,
        };
        let good = settings();
        let mut bad = settings();
        bad.quorum_bps = 0;
        let floor = good.voting_period;
        assert_eq!(
            SelfCall::from_call(&call(SET_SETTINGS, good.encode(), 0), floor),
            Some(SelfCall::Settings(good))
        );
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, bad.encode(), 0), floor), None);
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, good.encode(), 1), floor), None);
        let mut trailing = good.encode();
        trailing.push(0);
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, trailing, 0), floor), None);
        // a voting period below the floor this governance keeps
        assert_eq!(
            SelfCall::from_call(&call(SET_SETTINGS, good.encode(), 0), floor + 1),
            None
        );
        let hash = Hash::from([9; 32]);
        assert_eq!(
            SelfCall::from_call(&call(SET_CODE, hash.encode(), 0), floor),
            Some(SelfCall::Code(hash))
        );
        assert_eq!(SelfCall::from_call(&call([0; 4], hash.encode(), 0), floor), None);
    }

    #[test]
    fn only_a_proposal_that_does_nothing_but_change_the_guardian_is_beyond_its_veto() {
        let own = AccountId::from([7; 32]);
        let current = Settings {
            guardian: Some(AccountId::from([8; 32])),
            ..settings()
        };
        let set = |callee, settings: Settings| ProposedCall {
            callee,
            selector: SET_SETTINGS,
            input: settings.encode(),
            value: 0,
        };
        let removed = Settings {
            guardian: None,
            ..current
        };
        // removing or replacing the guardian, and nothing else
        assert!(only_replaces_guardian(&[set(own, removed)], own, &current));
        let replaced = Settings {
            guardian: Some(AccountId::from([9; 32])),
            ..current
        };
        assert!(only_replaces_guardian(&[set(own, replaced)], own, &current));
        // the same settings addressed to another contract: not governance's own
        let decoy = AccountId::from([6; 32]);
        assert!(!only_replaces_guardian(&[set(decoy, removed)], own, &current));
        // a removal bundled with any other call, or with another setting changed
        let other = ProposedCall {
            callee: decoy,
            selector: [1, 2, 3, 4],
            input: Vec::new(),
            value: 0,
        };
        assert!(!only_replaces_guardian(&[set(own, removed), other], own, &current));
        let lower_quorum = Settings {
            quorum_bps: 1_000,
            ..removed
        };
        assert!(!only_replaces_guardian(&[set(own, lower_quorum)], own, &current));
        // settings that keep the guardian
        assert!(!only_replaces_guardian(&[set(own, current)], own, &current));
    }
}
