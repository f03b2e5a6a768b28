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
use interfaces::Hash;

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
    /// `set_settings` with valid settings or `set_code` with a hash, no
    /// value transferred, the input exactly one argument.
    pub fn from_call(call: &ProposedCall) -> Option<SelfCall> {
        if call.value != 0 {
            return None;
        }
        let input = &mut &call.input[..];
        match call.selector {
            SET_SETTINGS => Settings::decode_all(input)
                .ok()
                .filter(|settings| settings.check().is_ok())
                .map(SelfCall::Settings),
            SET_CODE => Hash::decode_all(input).ok().map(SelfCall::Code),
            _ => None,
        }
    }
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
        assert_eq!(
            SelfCall::from_call(&call(SET_SETTINGS, good.encode(), 0)),
            Some(SelfCall::Settings(good))
        );
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, bad.encode(), 0)), None);
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, good.encode(), 1)), None);
        let mut trailing = good.encode();
        trailing.push(0);
        assert_eq!(SelfCall::from_call(&call(SET_SETTINGS, trailing, 0)), None);
        let hash = Hash::from([9; 32]);
        assert_eq!(
            SelfCall::from_call(&call(SET_CODE, hash.encode(), 0)),
            Some(SelfCall::Code(hash))
        );
        assert_eq!(SelfCall::from_call(&call([0; 4], hash.encode(), 0)), None);
    }
}
