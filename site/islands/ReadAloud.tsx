/**
 * Read-aloud (语音阅读), which the 适老化 rules ask for: reads the main content with the browser's
 * own speech synthesis. Rendered in the browser only (client:only: without JavaScript there is no
 * button at all, and no inline hydration script for the Content-Security-Policy to block), and
 * shown only where the browser can speak, so no reader ever sees a button that does nothing.
 */
import { createSignal, onCleanup } from 'solid-js';

interface Props {
  lang: string;
  readLabel: string;
  stopLabel: string;
}

export default function ReadAloud(props: Props) {
  // Known at the first render (client:only never renders on the server), so the button replaces
  // the place the page held for it in one step, not hidden first and shown a moment later.
  const supported = () => typeof window !== 'undefined' && 'speechSynthesis' in window;
  const [speaking, setSpeaking] = createSignal(false);
  onCleanup(() => {
    if (speaking()) window.speechSynthesis.cancel();
  });

  const toggle = () => {
    const synth = window.speechSynthesis;
    if (speaking()) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const main = document.getElementById('main-content');
    const utterance = new SpeechSynthesisUtterance(main?.innerText ?? '');
    utterance.lang = props.lang;
    utterance.rate = 0.9;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.speak(utterance);
    setSpeaking(true);
  };

  return (
    <button type="button" class="tool-button read-aloud" hidden={!supported()} aria-pressed={speaking()} onClick={toggle}>
      {speaking() ? props.stopLabel : props.readLabel}
    </button>
  );
}
