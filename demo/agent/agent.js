// Demo only: `/agent/?agent=sam&name=Sam` signs this desk in as another agent of the
// demo shop (open two windows to try routing and transfers). Runs before the deferred widget
// script upgrades the element, so the element connects once, as that agent.
const params = new URLSearchParams(location.search);
const inbox = document.querySelector('support-inbox');
const id = params.get('agent');
if (inbox && id && /^[A-Za-z0-9_-]{1,40}$/.test(id)) {
  const name = (params.get('name') || id).slice(0, 64);
  inbox.setAttribute('user-id', `agent-${id}`);
  inbox.setAttribute('user-name', name);
  const who = document.querySelector('[data-signed-in-as]');
  if (who) who.textContent = `Signed in as ${name} (demo agent)`;
}
