// Placeholder: the Hosts page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Hosts',
  render(view) {
    view.root.append(el('h1', {}, 'Hosts'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
