import { api } from '../api.js';
import { el, field, formatTime, messageBox, replace, showMessage } from '../dom.js';
import { displayName } from '../users.js';

const PAGE_SIZE = 20;

export async function projectsPage(context) {
  const message = messageBox('projects-message');
  const list = el('ul', { class: 'projects', 'data-testid': 'project-list', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', class: 'secondary', 'data-testid': 'projects-more', text: 'More projects', hidden: true });
  const empty = el('p', { class: 'muted', text: 'No projects yet: create the first one.', hidden: true });
  let cursor = '';

  const name = field('Name', { type: 'text', required: true, maxlength: 200, 'data-testid': 'project-name' });
  const description = field('Description', { rows: 3, maxlength: 10000, 'data-testid': 'project-description' }, 'textarea');
  const create = el('button', { type: 'submit', 'data-testid': 'project-create', text: 'Create project' });
  const form = el('form', { class: 'card', 'aria-labelledby': 'create-title' },
    el('h2', { id: 'create-title', text: 'New project' }), name.row, description.row, create);

  function item(project) {
    const lock = el('span', { class: 'muted' });
    if (project.lock) {
      lock.textContent = ` · being edited until ${formatTime(project.lock.expiresAt)}`;
      displayName(project.lock.holderId).then((holder) => { if (holder) lock.textContent = ` · being edited by ${holder} until ${formatTime(project.lock.expiresAt)}`; });
    }
    return el('li', { 'data-project-id': project.id },
      el('a', { href: `/projects/${project.id}`, 'data-link': true, 'data-testid': 'project-link', text: project.name }),
      el('span', { class: `badge ${project.status}`, text: project.status }),
      el('span', { class: 'muted', text: ` v${project.version}` }), lock);
  }

  async function load(reset = false) {
    if (reset) { cursor = ''; list.replaceChildren(); }
    try {
      const page = await api.get(`/api/v1/projects?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const project of page.items) list.append(item(project));
      cursor = page.nextCursor ?? '';
      more.hidden = !page.nextCursor;
      empty.hidden = list.children.length > 0;
    } catch (error) {
      showMessage(message, error.words);
    }
  }

  more.addEventListener('click', () => load());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    create.disabled = true;
    showMessage(message, '');
    try {
      const body = { name: name.input.value };
      if (description.input.value) body.description = description.input.value;
      const project = await api.post('/api/v1/projects', body);
      context.navigate(`/projects/${project.id}`);
    } catch (error) {
      showMessage(message, error.words);
    } finally {
      create.disabled = false;
    }
  });

  // Someone else's change to one of these projects (or a new one shared with the caller): show it.
  let pending = null;
  context.onEvent((envelope) => {
    if (!envelope.type.startsWith('project.')) return;
    clearTimeout(pending);
    pending = setTimeout(() => load(true), 100);
  });
  context.onLeave(() => clearTimeout(pending));

  replace(context.main, el('h1', { text: 'Projects' }), message, el('section', { 'aria-label': 'Your projects' }, list, empty, more), form);
  await load(true);
}
