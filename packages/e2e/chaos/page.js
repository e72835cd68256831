// Runs after minyi.js (both deferred). Reports what the widgets do to the test through the
// `minyiChaos` binding, then configures the collector with the request timeout the test chose.
const params = new URLSearchParams(location.search);

function report(kind, detail) {
  const send = window.minyiChaos;
  // The binding's promise rejects when the page navigates away mid-call; that is expected here.
  if (typeof send === 'function') send(kind, detail).catch(() => {});
}

document.addEventListener('minyi-submit', (event) => {
  const { response } = event.detail;
  // Exactly what the outbox stores and sends: it serialises the response once, the same way.
  report('submit', { id: response.id, subject: response.subject, json: JSON.stringify(response) });
});
document.addEventListener('minyi-queued', (event) => {
  report('queued', { id: event.detail.id, subject: event.detail.response.subject });
});
document.addEventListener('minyi-delivered', (event) => {
  report('delivered', { id: event.detail.id });
});
document.addEventListener('minyi-error', (event) => {
  const { id, code, message } = event.detail;
  report('error', { id, code, message });
});

const timeout = Number(params.get('timeout'));
window.Minyi.configure({
  collector: location.origin,
  ...(timeout > 0 ? { requestTimeoutMs: timeout } : {}),
});
document.documentElement.dataset.chaosReady = 'true';
