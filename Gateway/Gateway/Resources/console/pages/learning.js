// Learning: the path with each module's status, quizzes answered to a score with explanations, recommendations.
import { api } from '../api.js';
import { el, messageBox, replace, showMessage } from '../dom.js';

const STATUS_WORDS = { locked: 'locked', available: 'available', inProgress: 'in progress', completed: 'completed' };

export async function learningPage(context) {
  const message = messageBox('learning-message');
  const path = el('section', { class: 'card', 'aria-labelledby': 'path-title' });
  const quizzes = el('section', { class: 'card', 'aria-labelledby': 'quizzes-title' });
  const quizArea = el('section', { 'aria-live': 'polite', 'data-testid': 'quiz-area' });
  const recommendations = el('section', { class: 'card', 'aria-labelledby': 'recs-title' });
  const titles = new Map();

  async function loadPath() {
    const learning = await api.get('/api/v1/learning/path');
    for (const module of learning.modules) titles.set(module.id, module.title);
    replace(path, el('h2', { id: 'path-title', text: 'Your path' }),
      el('ol', { class: 'modules', 'data-testid': 'learning-path' }, learning.modules.map((module) => el('li', { class: `module ${module.status}` },
        el('span', { text: module.title }), ' ',
        el('span', { class: `badge ${module.status}`, text: STATUS_WORDS[module.status] ?? module.status }),
        el('progress', { max: 100, value: module.progress, 'aria-label': `${module.title}: ${module.progress} %` }),
        el('span', { class: 'muted', text: ` ${module.progress} %` })))));
  }

  async function loadQuizzes() {
    const list = await api.get('/api/v1/learning/quizzes');
    replace(quizzes, el('h2', { id: 'quizzes-title', text: 'Quizzes' }),
      list.length ? el('ul', { 'data-testid': 'quiz-list' }, list.map((quiz) => el('li', {},
        el('button', { type: 'button', class: 'link', 'data-testid': 'quiz-open', 'data-quiz-id': quiz.id, text: quiz.title, onclick: () => openQuiz(quiz.id) }),
        el('span', { class: 'muted', text: titles.has(quiz.moduleId) ? ` — ${titles.get(quiz.moduleId)}` : '' }))))
        : el('p', { class: 'muted', text: 'No quizzes available yet.' }));
  }

  async function loadRecommendations() {
    const list = await api.get('/api/v1/learning/recommendations');
    replace(recommendations, el('h2', { id: 'recs-title', text: 'Recommended next' }),
      list.length ? el('ul', { 'data-testid': 'recommendations' }, list.map((item) => el('li', {},
        el('strong', { text: titles.get(item.moduleId) ?? 'A module' }), ` (${item.priority}): `, el('span', { text: item.reason }),
        item.quizId ? el('button', { type: 'button', class: 'link', text: ' Take the quiz', onclick: () => openQuiz(item.quizId) }) : null)))
        : el('p', { class: 'muted', text: 'Nothing to recommend right now.' }));
  }

  async function openQuiz(id) {
    showMessage(message, '');
    let quiz;
    try { quiz = await api.get(`/api/v1/learning/quizzes/${id}`); } catch (error) { showMessage(message, error.words); return; }
    const submit = el('button', { type: 'submit', 'data-testid': 'quiz-submit', text: 'Submit answers' });
    const form = el('form', { class: 'card', 'aria-labelledby': 'quiz-title', 'data-testid': 'quiz-form' },
      el('h2', { id: 'quiz-title', text: quiz.title }),
      quiz.questions.map((question, index) => el('fieldset', { 'data-question-id': question.id },
        el('legend', { text: `${index + 1}. ${question.text}` }),
        question.choices.map((choice, choiceIndex) => {
          const inputId = `q-${question.id}-${choiceIndex}`;
          return el('div', { class: 'choice' },
            el('input', { type: 'radio', name: question.id, id: inputId, value: choiceIndex, required: true, 'data-testid': 'quiz-choice' }),
            el('label', { for: inputId, text: choice }));
        }))),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const answers = quiz.questions.map((question) => ({
        questionId: question.id,
        choice: Number(form.querySelector(`input[name="${CSS.escape(question.id)}"]:checked`)?.value ?? -1),
      }));
      try {
        const result = await api.post(`/api/v1/learning/quizzes/${id}/answers`, { answers });
        showResult(quiz, result);
        await Promise.all([loadPath(), loadRecommendations()]);
      } catch (error) {
        showMessage(message, error.words);
        submit.disabled = false;
      }
    });
    replace(quizArea, form);
    form.querySelector('input')?.focus();
  }

  function showResult(quiz, result) {
    const questions = new Map(quiz.questions.map((question) => [question.id, question]));
    replace(quizArea, el('section', { class: `card result ${result.passed ? 'passed' : 'failed'}`, 'aria-labelledby': 'result-title' },
      el('h2', { id: 'result-title', text: `${quiz.title}: ${result.passed ? 'passed' : 'not passed yet'}` }),
      el('p', { 'data-testid': 'quiz-score', text: `Score ${Math.round(result.score)} % — ${result.correct} of ${result.total} correct` }),
      result.nextReviewAt ? el('p', { class: 'muted', text: `Next review: ${new Date(result.nextReviewAt).toLocaleString()}` }) : null,
      result.mistakes.length ? el('ul', { 'data-testid': 'quiz-explanations' }, result.mistakes.map((mistake) => {
        const question = questions.get(mistake.questionId);
        return el('li', {},
          el('strong', { text: question?.text ?? 'Question' }), el('br'),
          `Your answer: ${question?.choices[mistake.choice] ?? '—'}; correct: ${question?.choices[mistake.correctChoice] ?? mistake.correctChoice}. `,
          el('span', { text: mistake.explanation }));
      })) : el('p', { text: 'Every answer was right.' })));
  }

  replace(context.main, el('h1', { text: 'Learning' }), message, path, quizArea, quizzes, recommendations);
  try {
    await loadPath();
    await Promise.all([loadQuizzes(), loadRecommendations()]);
  } catch (error) {
    showMessage(message, error.words);
  }
  context.onEvent((envelope) => { if (envelope.type === 'learning.quiz_completed') loadRecommendations().catch(() => {}); });
}
