// Safeguard's one script, on the public suggestion forms only: it solves the form's proof-of-work
// challenge (altcha: find the number whose SHA-256 with the salt is the challenge) while the
// visitor types, so the form can be sent at once. Without it the form still works, after a wait.
const form = document.querySelector('form[data-pow-challenge]');
const status = document.getElementById('pow-status');
if (form && status && globalThis.crypto && crypto.subtle) {
  const { powAlgorithm: algorithm, powChallenge: challenge, powSalt: salt, powSignature: signature, powMax } = form.dataset;
  const field = form.querySelector('input[name="altcha"]');
  const encoder = new TextEncoder();
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  (async () => {
    for (let number = 0; number <= Number(powMax); number++) {
      if (hex(await crypto.subtle.digest('SHA-256', encoder.encode(salt + number))) === challenge) {
        field.value = btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
        status.textContent = status.dataset.done;
        return;
      }
    }
  })();
}
