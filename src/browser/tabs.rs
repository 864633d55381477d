//! Tabs of tiemap in one browser tell each other when they saved a map, over a
//! `BroadcastChannel`: the others showing that map read it and take the new edits in
//! (`tiemap_app::tabs`). The message is only the map's key and the revision written; the
//! edits themselves are read from IndexedDB, the one copy every tab shares.

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name.
pub const CHANNEL: &str = "tiemap";

/// "I saved map `key` at `revision`".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub key: String,
    pub revision: u64,
}

/// This tab's end of the channel; messages stop when it is dropped.
pub struct TabChannel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl TabChannel {
    /// Opens the channel; `on_saved` hears every save another tab announces. `None` where the
    /// browser has no `BroadcastChannel` (then tabs learn of each other's saves only when they
    /// save themselves: a save still merges what is stored).
    pub fn open(mut on_saved: impl FnMut(Saved) + 'static) -> Option<TabChannel> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Ok(saved) = serde_wasm_bindgen::from_value::<Saved>(e.data()) {
                on_saved(saved);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(TabChannel {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs that this one saved `key` at `revision`.
    pub fn announce(&self, key: &str, revision: u64) {
        let saved = Saved {
            key: key.to_string(),
            revision,
        };
        if let Ok(message) = serde_wasm_bindgen::to_value(&saved) {
            // Fails only once the channel is closed (the page is going away).
            let _ = self.channel.post_message(&message);
        }
    }
}

impl Drop for TabChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
