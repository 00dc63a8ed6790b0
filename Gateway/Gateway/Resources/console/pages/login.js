import { login, register } from '../api.js';
import { el, field, messageBox, replace, showMessage } from '../dom.js';

function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path of this console: never another origin (an open redirect).
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/projects';
}

export function loginPage(context) {
  const message = messageBox('login-message');
  const flash = context.takeFlash();
  if (flash) showMessage(message, flash.text, flash.kind);
  const email = field('Email', { type: 'email', name: 'email', autocomplete: 'username', required: true, 'data-testid': 'login-email' });
  const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = el('button', { type: 'submit', 'data-testid': 'login-submit', text: 'Log in' });
  const form = el('form', { class: 'card narrow', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title', text: 'Log in' }), message, email.row, password.row, submit,
    el('p', {}, 'No account yet? ', el('a', { href: `/register${location.search}`, 'data-link': true, text: 'Register' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    showMessage(message, '');
    try {
      await login(email.input.value.trim(), password.input.value);
      context.navigate(nextPath(), { replace: true });
    } catch (error) {
      showMessage(message, error.words ?? String(error));
      password.input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(context.main, form);
  email.input.focus();
}

export function registerPage(context) {
  const message = messageBox('register-message');
  const email = field('Email', { type: 'email', autocomplete: 'username', required: true, 'data-testid': 'register-email' });
  const name = field('Display name', { type: 'text', autocomplete: 'nickname', required: true, maxlength: 100, 'data-testid': 'register-name' });
  const password = field('Password (8 characters or more)', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8, 'data-testid': 'register-password' });
  const submit = el('button', { type: 'submit', 'data-testid': 'register-submit', text: 'Create account' });
  const form = el('form', { class: 'card narrow', 'aria-labelledby': 'register-title' },
    el('h1', { id: 'register-title', text: 'Create an account' }), message, email.row, name.row, password.row, submit,
    el('p', {}, 'Have an account? ', el('a', { href: `/login${location.search}`, 'data-link': true, text: 'Log in' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    showMessage(message, '');
    try {
      await register(email.input.value.trim(), password.input.value, name.input.value);
      context.navigate(nextPath(), { replace: true });
    } catch (error) {
      const field = error.details?.field ? ` — field: ${error.details.field}` : '';
      showMessage(message, (error.words ?? String(error)) + field);
    } finally {
      submit.disabled = false;
    }
  });
  replace(context.main, form);
  email.input.focus();
}
