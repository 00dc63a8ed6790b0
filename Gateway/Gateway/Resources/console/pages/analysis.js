// Code analysis (POST /api/v1/ai/analyze): findings by severity with their lines, the synthesized solution, the model
// providers' states; and a chat with the assistant whose answer appears token by token.
import { api } from '../api.js';
import { el, field, messageBox, replace, showMessage } from '../dom.js';
import { readEventStream } from '../sse.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const MAX_UPLOAD_BYTES = 512 * 1024;

export async function analysisPage(context) {
  const message = messageBox('analysis-message');
  const code = field('Code', { rows: 14, spellcheck: 'false', class: 'code', required: true, 'data-testid': 'analysis-code' }, 'textarea');
  const language = field('Language (optional)', { type: 'text', maxlength: 40, placeholder: 'python, swift, javascript…', 'data-testid': 'analysis-language' });
  const upload = field('Or upload a file', { type: 'file', accept: '.py,.js,.ts,.swift,.go,.rs,.java,.c,.h,.cpp,.rb,.php,.sql,.txt,text/*', 'data-testid': 'analysis-file' });
  const run = el('button', { type: 'submit', 'data-testid': 'analysis-submit', text: 'Analyze' });
  const results = el('section', { 'aria-live': 'polite', 'aria-label': 'Analysis results', 'data-testid': 'analysis-results' });
  const providers = el('section', { class: 'card', 'aria-labelledby': 'providers-title' });

  upload.input.addEventListener('change', async () => {
    const file = upload.input.files[0];
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) { showMessage(message, `${file.name} is larger than ${MAX_UPLOAD_BYTES / 1024} KiB.`); return; }
    code.input.value = await file.text();
    const extension = file.name.split('.').pop();
    if (extension && !language.input.value) language.input.value = extension;
  });

  const form = el('form', { class: 'card', 'aria-labelledby': 'analyze-title' },
    el('h2', { id: 'analyze-title', text: 'Analyze code' }), code.row, language.row, upload.row, run);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    run.disabled = true;
    showMessage(message, '');
    replace(results, el('p', { class: 'muted', text: 'Analyzing…' }));
    try {
      const body = { code: code.input.value };
      if (language.input.value.trim()) body.language = language.input.value.trim();
      renderAnalysis(await api.post('/api/v1/ai/analyze', body));
    } catch (error) {
      replace(results);
      showMessage(message, error.words);
    } finally {
      run.disabled = false;
      loadProviders();
    }
  });

  function renderAnalysis(analysis) {
    const groups = SEVERITIES.map((severity) => {
      const findings = analysis.findings.filter((finding) => finding.severity === severity)
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      if (!findings.length) return null;
      return el('section', { class: `severity ${severity}`, 'data-testid': `findings-${severity}` },
        el('h3', { text: `${severity} (${findings.length})` }),
        el('ul', {}, findings.map((finding) => el('li', { class: 'finding', 'data-testid': 'finding' },
          el('span', { class: 'line', text: finding.line ? `line ${finding.line}` : 'whole file' }), ' ',
          el('span', { 'data-testid': 'finding-message', text: finding.message }),
          el('span', { class: 'muted', text: ` — ${finding.agent}${finding.ruleId ? `, ${finding.ruleId}` : ''}, confidence ${Math.round(finding.confidence * 100)} %` })))));
    });
    const metrics = Object.entries(analysis.metrics ?? {}).map(([key, value]) => el('li', {}, `${key}: `, el('strong', { text: String(value) })));
    replace(results,
      el('h2', { text: 'Findings' }),
      el('p', { 'data-testid': 'analysis-summary', text: analysis.summary }),
      analysis.findings.length ? groups : el('p', { text: 'No findings.' }),
      el('h2', { text: 'Solution' }),
      el('div', { class: 'card', 'data-testid': 'analysis-solution' },
        el('p', { text: analysis.solution.summary }),
        el('ol', {}, analysis.solution.recommendations.map((text) => el('li', { text }))),
        el('p', { class: 'muted', text: `Confidence ${Math.round(analysis.solution.confidence * 100)} % · from ${analysis.solution.contributors.join(', ')}` })),
      metrics.length ? el('details', {}, el('summary', { text: 'Metrics' }), el('ul', {}, metrics)) : null);
  }

  async function loadProviders() {
    try {
      const list = await api.get('/api/v1/ai/providers');
      replace(providers, el('h2', { id: 'providers-title', text: 'Model providers' }),
        el('ul', { 'data-testid': 'providers' }, list.map((provider) => el('li', {},
          el('strong', { text: provider.name }), ` — circuit ${provider.state}, ${provider.healthy ? 'healthy' : 'unhealthy'}, priority ${provider.priority}`))));
    } catch (error) {
      replace(providers, el('h2', { id: 'providers-title', text: 'Model providers' }), el('p', { class: 'message error', text: error.words }));
    }
  }

  // Chat: one conversation per page visit; the answer streams in from /conversations/{id}/stream.
  const transcript = el('ol', { class: 'chat', 'aria-live': 'polite', 'data-testid': 'chat-transcript' });
  const prompt = field('Ask the assistant', { rows: 3, required: true, 'data-testid': 'chat-input' }, 'textarea');
  const send = el('button', { type: 'submit', 'data-testid': 'chat-send', text: 'Send' });
  const chatMessage = messageBox('chat-message');
  const chat = el('form', { class: 'card', 'aria-labelledby': 'chat-title' }, el('h2', { id: 'chat-title', text: 'Chat' }), chatMessage, transcript, prompt.row, send);
  let conversation = null;
  chat.addEventListener('submit', async (event) => {
    event.preventDefault();
    const content = prompt.input.value.trim();
    if (!content) return;
    send.disabled = true;
    showMessage(chatMessage, '');
    transcript.append(el('li', { class: 'user' }, el('span', { class: 'role', text: 'You' }), el('p', { text: content })));
    const answer = el('p', { 'data-testid': 'chat-answer' });
    transcript.append(el('li', { class: 'assistant' }, el('span', { class: 'role', text: 'Assistant' }), answer));
    prompt.input.value = '';
    try {
      conversation ??= await api.post('/api/v1/ai/conversations');
      const reply = await api.post(`/api/v1/ai/conversations/${conversation.id}/messages`, { content });
      let streamed = '';
      try {
        await readEventStream(`/api/v1/ai/conversations/${conversation.id}/stream`, (type, data) => {
          const event = JSON.parse(data);
          if ((event.type ?? type) === 'token') { streamed += event.text; answer.textContent = streamed; }
          return (event.type ?? type) !== 'done';
        });
      } catch { /* the whole answer is below either way */ }
      answer.textContent = reply.message.content;
    } catch (error) {
      answer.textContent = '';
      showMessage(chatMessage, error.words);
    } finally {
      send.disabled = false;
    }
  });

  replace(context.main, el('h1', { text: 'Analysis' }), message, form, results, providers, chat);
  loadProviders();
}
