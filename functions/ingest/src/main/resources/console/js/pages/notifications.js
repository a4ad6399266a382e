// Notifications (#/notifications?receiver=&status=&kind=&since=&alert=): the receivers of the routing in force
// with each integration's last delivery and a "send test" button (admin), then the history of what was sent,
// failures first to the eye (badge and row colour, error text).
import { el, clear, link, hostLink, alertLink, statusBadge } from '../dom.js';
import { api } from '../api.js';
import { age, dateTime } from '../format.js';
import { table, field, messageLine } from './controls.js';

const REFRESH_MS = 30_000;
const SINCE = [['', 'any time'], ['1h', 'last hour'], ['24h', 'last 24 hours'], ['7d', 'last 7 days']];
const KINDS = ['firing', 'repeat', 'escalation', 'resolved', 'test'];
const STATUSES = ['delivered', 'failed', 'pending'];

/** The outbox's stored words (SENT, DEAD, PENDING) and the API's (delivered, failed, pending) as one word. */
function deliveryWord(status) {
  const s = String(status || '').toLowerCase();
  return s === 'sent' ? 'delivered' : s === 'dead' ? 'failed' : s;
}

function deliveryBadge(status) {
  const word = deliveryWord(status);
  return statusBadge(word === 'delivered' ? 'ok' : word === 'failed' ? 'critical' : 'pending', word);
}

export default {
  title: 'Notifications',
  async render(view) {
    const root = view.root;
    const q = view.query;
    const message = messageLine();
    const receiversNode = el('div', { id: 'receivers' });
    const historyNode = el('div', { id: 'notification-history' });
    const filters = { receiver: q.get('receiver') || '', status: q.get('status') || '', kind: q.get('kind') || '',
      since: q.get('since') || '', alert: q.get('alert') || '' };

    const receiverSelect = el('select', { id: 'history-receiver', name: 'receiver' }, el('option', { value: '' }, 'any'));
    const statusSelect = el('select', { id: 'history-status', name: 'status' }, el('option', { value: '' }, 'any'),
      STATUSES.map((s) => el('option', { value: s }, s)));
    const kindSelect = el('select', { id: 'history-kind', name: 'kind' }, el('option', { value: '' }, 'any'),
      KINDS.map((k) => el('option', { value: k }, k)));
    const sinceSelect = el('select', { id: 'history-since', name: 'since' }, SINCE.map(([v, t]) => el('option', { value: v }, t)));
    statusSelect.value = filters.status;
    kindSelect.value = filters.kind;
    sinceSelect.value = filters.since;
    for (const [select, key] of [[receiverSelect, 'receiver'], [statusSelect, 'status'], [kindSelect, 'kind'], [sinceSelect, 'since']]) {
      select.addEventListener('change', () => { filters[key] = select.value; view.setQuery(filters); loadHistory(); });
    }

    async function sendTest(name, button) {
      button.disabled = true;
      message.clear();
      try {
        const report = await api('api/v1/receivers/' + encodeURIComponent(name) + '/test', { method: 'POST' });
        const failed = (report.results || []).filter((r) => !r.delivered);
        if (failed.length === 0) message.ok('Test message delivered through every integration of ' + name + '.');
        else message.error('Test of ' + name + ': ' + failed.map((r) => r.kind + ' ' + r.target + ' failed: ' + (r.error || 'unknown error')).join('; '));
        await Promise.all([loadReceivers(), loadHistory()]);
      } catch (e) {
        message.error(e.message);
      } finally {
        button.disabled = false;
      }
    }

    async function loadReceivers() {
      let receivers;
      try {
        receivers = await api('api/v1/receivers', { signal: view.signal });
      } catch (e) {
        if (e.name !== 'AbortError') clear(receiversNode, el('p', { class: 'error', role: 'alert' }, e.message));
        return;
      }
      const current = receiverSelect.value || filters.receiver;
      clear(receiverSelect, el('option', { value: '' }, 'any'), receivers.map((r) => el('option', { value: r.name }, r.name)));
      receiverSelect.value = current;
      if (receivers.length === 0) {
        clear(receiversNode, el('p', { class: 'muted' }, 'No receivers are configured (see vigil.notify.* in the README).'));
        return;
      }
      clear(receiversNode, el('ul', { class: 'receiver-list' }, receivers.map((r) => {
        const testButton = view.canChange && (r.integrations || []).length > 0 ? el('button', { type: 'button', class: 'test-receiver admin-only',
          dataset: { receiver: r.name } }, 'Send test') : null;
        if (testButton) testButton.addEventListener('click', () => sendTest(r.name, testButton));
        const integrations = r.integrations || [];
        const failing = integrations.some((i) => i.lastDelivery && deliveryWord(i.lastDelivery.status) === 'failed');
        return el('li', { class: ['panel', 'receiver', failing ? 'receiver-failing' : null], dataset: { receiver: r.name } },
          el('div', { class: 'receiver-head' }, el('h3', {}, r.name), failing ? statusBadge('critical', 'last delivery failed') : null,
            testButton),
          table(['Integration', 'Target', 'Last delivery', 'Result'], integrations.map((i) => [
            i.kind + (i.sendResolved ? '' : ' (no resolved)'),
            el('span', { class: 'target' }, i.target),
            i.lastDelivery ? el('span', { title: dateTime(i.lastDelivery.at) }, age(i.lastDelivery.at) + ' · ' + i.lastDelivery.kind.toLowerCase())
              : el('span', { class: 'muted' }, 'never'),
            i.lastDelivery ? el('span', {}, deliveryBadge(i.lastDelivery.status),
              i.lastDelivery.error ? el('span', { class: 'delivery-error' }, ' ' + i.lastDelivery.error) : null) : '–',
          ]), { empty: 'No integrations.' }));
      })));
    }

    async function loadHistory() {
      let items;
      try {
        items = await api('api/v1/notifications', { signal: view.signal, query: { ...filters, limit: 200 } });
      } catch (e) {
        if (e.name !== 'AbortError') clear(historyNode, el('p', { class: 'error', role: 'alert' }, e.message));
        return;
      }
      const failed = items.filter((n) => n.status === 'failed').length;
      clear(historyNode,
        el('p', { class: 'muted list-count' }, items.length + ' shown' + (failed ? ', ' : ''),
          failed ? el('strong', { class: 'failed-count' }, failed + ' failed') : null),
        table(['Queued', 'Receiver', 'Kind', 'Status', 'About', 'Summary', 'Attempts', 'Error'], items.map((n) => [
          el('span', { title: dateTime(n.createdAt) }, age(n.createdAt)),
          n.receiver,
          n.kind,
          deliveryBadge(n.status),
          el('span', {}, n.host ? hostLink(n.host) : null, (n.alertIds || []).length ? ' ' : null,
            (n.alertIds || []).slice(0, 5).map((id, i) => [i ? ', ' : '', alertLink(id, '#' + id)]),
            n.alertCount > 5 ? ' and ' + (n.alertCount - 5) + ' more' : null),
          n.summary || '',
          String(n.attempts) + (n.status === 'pending' && n.nextAttemptAt ? ' (next ' + age(n.nextAttemptAt) + ')' : ''),
          n.lastError ? el('span', { class: 'delivery-error' }, n.lastError) : '',
        ]), { empty: 'Nothing was sent' + (filters.receiver || filters.status || filters.kind || filters.since || filters.alert
          ? ' that matches these filters.' : ' yet.'), caption: 'Notification history',
          rowAttrs: (i) => ({ class: items[i].status === 'failed' ? 'row-failed' : null, dataset: { status: items[i].status } }) }));
    }

    clear(root, el('h1', {}, 'Notifications'), message.node,
      el('h2', {}, 'Receivers'), receiversNode,
      el('h2', {}, 'History'),
      filters.alert ? el('p', {}, 'Only notifications about ', alertLink(filters.alert, 'alert #' + filters.alert), ' · ',
        link('notifications', 'show all')) : null,
      el('div', { class: 'toolbar filters', role: 'search', 'aria-label': 'Filter the history' },
        field('Receiver', receiverSelect), field('Status', statusSelect), field('Kind', kindSelect), field('Since', sinceSelect)),
      historyNode);
    await Promise.all([loadReceivers(), loadHistory()]);
    view.every(REFRESH_MS, () => {
      if (root.contains(document.activeElement) && document.activeElement !== root) return;
      loadReceivers();
      loadHistory();
    });
  },
};
