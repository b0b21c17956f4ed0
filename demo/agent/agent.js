// Demo only: `/agent/?agent=sam&name=Sam` signs this desk in as another agent of the demo shop
// (open two windows to try routing and transfers); `&role=admin` as an admin, who also manages
// the canned replies. Runs before the deferred widget script upgrades the element, so the
// element connects once, as that person.
const params = new URLSearchParams(location.search);
const inbox = document.querySelector('support-inbox');
const id = params.get('agent');
const admin = params.get('role') === 'admin';
if (inbox && id && /^[A-Za-z0-9_-]{1,40}$/.test(id)) {
  const name = (params.get('name') || id).slice(0, 64);
  const userId = `agent-${id}`;
  inbox.setAttribute('user-id', userId);
  inbox.setAttribute('user-name', name);
  if (admin) {
    // The element asks the token endpoint for an agent; an admin's token comes from here instead.
    inbox.tokenProvider = async () => {
      const response = await fetch('/demo/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'admin', userId, userName: name }),
      });
      if (!response.ok) throw new Error(`demo token: HTTP ${response.status}`);
      return response.json();
    };
  }
  const who = document.querySelector('[data-signed-in-as]');
  if (who) who.textContent = `Signed in as ${name} (demo ${admin ? 'admin' : 'agent'})`;
}
