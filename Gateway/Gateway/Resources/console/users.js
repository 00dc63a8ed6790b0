// Display names of other users (lock holders, collaborators), from GET /api/v1/auth/users/{id}, cached per page load.
import { api } from './api.js';

const names = new Map();

export function displayName(id) {
  if (!names.has(id)) {
    const lookup = api.get(`/api/v1/auth/users/${encodeURIComponent(id)}`).then((profile) => profile.displayName, () => null);
    names.set(id, lookup);
    lookup.then((name) => { if (name === null) names.delete(id); });
  }
  return names.get(id);
}

export async function findByEmail(email) {
  return api.get(`/api/v1/auth/users?email=${encodeURIComponent(email)}`);
}
