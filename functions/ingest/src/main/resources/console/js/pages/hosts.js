// Hosts (#/hosts): every registered host with its state and labels. Admins register a host (its token is shown
// once, with a ready-to-paste agent.yml and the install command), edit its labels and delete it.
import { el, clear, hostLink, statusBadge, labelChips } from '../dom.js';
import { api } from '../api.js';
import { age, dateTime } from '../format.js';
import { table, field, dialog, messageLine, pairEditor, copyButton } from './controls.js';

const REFRESH_MS = 30_000;

export default {
  title: 'Hosts',
  async render(view) {
    const root = view.root;
    const message = messageLine();
    const filter = el('input', { type: 'search', id: 'hosts-filter', name: 'q', value: view.query.get('q') || '',
      placeholder: 'name or label' });
    const listNode = el('div', { id: 'host-list' });
    const tokenNode = el('div', { id: 'host-token-area' });
    let hosts = [];

    function draw() {
      const needle = filter.value.trim().toLowerCase();
      const shown = hosts.filter((h) => !needle || h.name.toLowerCase().includes(needle)
        || Object.entries(h.labels || {}).some(([k, v]) => (k + '=' + v).toLowerCase().includes(needle)));
      const headers = ['Host', 'State', 'Last seen', 'Labels', 'Registered'];
      if (view.canChange) headers.push('');
      clear(listNode,
        el('p', { class: 'muted list-count' }, shown.length + ' of ' + hosts.length + ' hosts'),
        table(headers, shown.map((h) => {
          const cells = [hostLink(h.name), statusBadge(h.up ? 'ok' : 'down', h.up ? 'up' : 'down'),
            el('span', { title: dateTime(h.lastSeenAt) }, age(h.lastSeenAt)), labelChips(h.labels), dateTime(h.createdAt)];
          if (view.canChange) {
            cells.push(el('span', { class: 'row-actions' },
              el('button', { type: 'button', class: 'edit-labels', dataset: { host: h.name }, on: { click: () => editLabels(h) } },
                'Edit labels'),
              el('button', { type: 'button', class: 'delete-host', dataset: { host: h.name }, on: { click: () => remove(h) } },
                'Delete')));
          }
          return cells;
        }), { empty: hosts.length === 0 ? 'No hosts yet.' : 'No host matches.', caption: 'Hosts' }));
    }
    filter.addEventListener('input', () => { view.setQuery({ q: filter.value.trim() }); draw(); });

    async function load() {
      try {
        hosts = (await api('api/v1/hosts', { signal: view.signal })).sort((a, b) => a.name.localeCompare(b.name));
        draw();
      } catch (e) {
        if (e.name !== 'AbortError') message.error(e.message);
      }
    }

    async function editLabels(h) {
      message.clear();
      const editor = pairEditor({ pairs: h.labels || {}, nameLabel: 'Label name', valueLabel: 'Label value',
        addText: 'Add label', idPrefix: 'label' });
      const ok = await dialog({
        title: 'Labels of ' + h.name,
        body: [el('p', { class: 'muted' }, 'These replace all labels of the host; evaluation copies them onto its alerts.'), editor.node],
        submitText: 'Save labels',
        onSubmit: () => api('api/v1/hosts/' + encodeURIComponent(h.name) + '/labels', { method: 'PUT', body: editor.value() }),
      });
      if (ok) {
        message.ok('Labels of ' + h.name + ' saved.');
        await load();
      }
    }

    async function remove(h) {
      message.clear();
      const confirmInput = el('input', { type: 'text', id: 'delete-confirm', autocomplete: 'off', spellcheck: 'false' });
      const ok = await dialog({
        title: 'Delete host ' + h.name + '?',
        body: [el('p', {}, 'Its token stops working at once and its agent\'s samples are refused. Its history stays until retention removes it.'),
          field('Type the host name to confirm', confirmInput)],
        submitText: 'Delete host', danger: true,
        onSubmit: async () => {
          if (confirmInput.value.trim() !== h.name) throw new Error('Type "' + h.name + '" to confirm.');
          await api('api/v1/hosts/' + encodeURIComponent(h.name), { method: 'DELETE' });
        },
      });
      if (ok) {
        message.ok('Host ' + h.name + ' deleted; its token no longer works.');
        await load();
      }
    }

    clear(root, el('h1', {}, 'Hosts'),
      view.canChange ? registerForm(message, tokenNode, load) : null,
      tokenNode, message.node,
      el('div', { class: 'toolbar' }, field('Filter', filter)),
      listNode);
    await load();
    view.every(REFRESH_MS, () => { if (!document.querySelector('dialog[open]') && !listNode.contains(document.activeElement)) load(); });
  },
};

function registerForm(message, tokenNode, after) {
  const name = el('input', { type: 'text', id: 'register-name', name: 'name', required: true, maxlength: 253,
    autocomplete: 'off', spellcheck: 'false', placeholder: 'db-01' });
  const labels = pairEditor({ nameLabel: 'Label name', valueLabel: 'Label value', addText: 'Add label', idPrefix: 'new-label' });
  const formMessage = messageLine();
  const form = el('form', { class: 'panel register-form', id: 'register-form', 'aria-label': 'Register a host' },
    field('Host name', name, 'the name the agent reports as: letters, digits, . _ -'),
    el('fieldset', {}, el('legend', {}, 'Labels (optional)'), labels.node),
    formMessage.node,
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'primary' }, 'Register host')));
  const details = el('details', { class: 'create', id: 'register-host' }, el('summary', {}, 'Register a host'), form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formMessage.clear();
    let body;
    try {
      body = { name: name.value.trim() };
      const l = labels.value();
      if (Object.keys(l).length > 0) body.labels = l;
    } catch (e) {
      formMessage.error(e.message);
      return;
    }
    try {
      const created = await api('api/v1/hosts', { method: 'POST', body });
      name.value = '';
      labels.set({});
      details.open = false;
      showToken(tokenNode, created);
      message.ok('Host ' + created.name + ' registered.');
      await after();
    } catch (e) {
      formMessage.error(e.message);
    }
  });
  return details;
}

/** Where the agent should send: this console's own origin and path (the API lives next to it). */
function ingestUrl() {
  const path = location.pathname.replace(/\/[^/]*$/, '');
  return location.origin + path;
}

function yamlString(s) {
  return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** The token, once: it is kept only in this panel's fields and gone when the panel is closed or the page left. */
function showToken(tokenNode, created) {
  const url = ingestUrl();
  const yml = [
    '# /etc/vigil/agent.yml for ' + created.name,
    'url: ' + yamlString(url),
    'host: ' + yamlString(created.name),
    'token: ' + yamlString(created.token),
    'interval: 15s',
    'spool:',
    '  dir: /var/lib/vigil-agent/spool',
    '',
  ].join('\n');
  const install = "sudo infra/agent/install.sh vigil-agent.jar '" + url.replace(/'/g, "'\\''") + "' '"
    + created.token + "' '" + created.name.replace(/'/g, "'\\''") + "'";
  const tokenField = el('input', { type: 'text', id: 'new-host-token', readonly: true, value: created.token, class: 'mono',
    spellcheck: 'false', autocomplete: 'off' });
  const ymlField = el('textarea', { id: 'new-host-agent-yml', readonly: true, rows: 8, class: 'mono', spellcheck: 'false', value: yml });
  const installField = el('textarea', { id: 'new-host-install', readonly: true, rows: 3, class: 'mono', spellcheck: 'false', value: install });
  const done = el('button', { type: 'button', class: 'primary', id: 'new-host-done' }, 'I saved the token');
  const panel = el('section', { class: 'panel token-panel', id: 'new-host-token-panel', 'aria-labelledby': 'new-host-title' },
    el('h2', { id: 'new-host-title' }, 'Host ', created.name, ' registered'),
    el('p', { class: 'warning-text' }, 'This token is shown once. Vigil stores only its hash: copy it now.'),
    field('Host token', tokenField), copyButton(tokenField, 'Copy token'),
    field('agent.yml', ymlField, 'put it at /etc/vigil/agent.yml (mode 640, root:vigil); options in the README under "Agent"'),
    copyButton(ymlField, 'Copy agent.yml'),
    field('Install on the server (from a Vigil checkout, with the agent jar)', installField,
      'creates the vigil user, writes this agent.yml and starts the vigil-agent systemd service'),
    copyButton(installField, 'Copy command'),
    el('div', { class: 'form-actions' }, done));
  done.addEventListener('click', () => clear(tokenNode));
  clear(tokenNode, panel);
  tokenField.focus();
  tokenField.select();
}
