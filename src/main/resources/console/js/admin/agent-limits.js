// One agent's own limits beat their role's: for a trainee (lower) or a team lead (higher). Listed
// with each one's limits; set by agent id, dropped (after asking) to fall back to the role's.
import {field, h} from '../dom.js';
import {majorText, money} from '../format.js';
import {confirmation} from './confirm.js';
import {moneyField, saving} from './fields.js';

export function agentLimits(api, policy, draw) {
  const agentId = h('input', {name: 'agent_id', maxlength: 64, autocomplete: 'off', spellcheck: 'false'});
  const max = moneyField('Largest single grant', policy.currency, null, {optional: true});
  const daily = moneyField('Daily total', policy.currency, null, {optional: true});
  const submit = h('button', {type: 'submit'}, 'Save this agent\'s limits');
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'agent-limits-form', novalidate: true},
    field('Agent id', agentId, 'As the helpdesk names the person, e.g. agent-7.'),
    h('div', {class: 'row'}, max.element, daily.element), h('div', {class: 'actions'}, submit), result);
  saving(form, submit, result, wrong => {
    if (!/^[A-Za-z0-9._:@-]{1,64}$/.test(agentId.value.trim())) wrong(agentId, 'Give 1 to 64 of A-Z a-z 0-9 . _ : @ -.');
    return {agent: agentId.value.trim(), limits: {max_grant: max.read(wrong), daily_total: daily.read(wrong)}};
  }, ({agent, limits}) => api.put(`/v1/policies/agents/${encodeURIComponent(agent)}`, limits)
    .then(policy => ({policy, agent})), ({policy, agent}) => draw(policy, `Saved ${agent}'s own limits.`));

  const edit = agent => {
    agentId.value = agent.agent_id;
    const text = value => (value ? majorText(value.amount, value.currency) : '');
    max.input.value = text(agent.max_grant);
    daily.input.value = text(agent.daily_total);
    max.input.focus();
  };
  const rows = (policy.agents ?? []).map(agent => {
    const ask = confirmation({question: `Drop ${agent.agent_id}'s own limits? Their role's limits apply to them again.`,
      confirm: 'Drop limits', busy: 'Dropping…',
      act: async () => draw(await api.delete(`/v1/policies/agents/${encodeURIComponent(agent.agent_id)}`),
        `Dropped ${agent.agent_id}'s own limits.`)});
    return h('li', {'data-agent': agent.agent_id},
      h('div', {class: 'card-head'}, h('strong', {}, agent.agent_id)),
      h('div', {}, `Largest grant ${agent.max_grant ? money(agent.max_grant) : 'the role\'s'} · daily total `,
        agent.daily_total ? money(agent.daily_total) : 'the role\'s'),
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary small', 'aria-label': `Edit ${agent.agent_id}`, onclick: () => edit(agent)}, 'Edit'),
        h('button', {type: 'button', class: 'secondary small', 'aria-label': `Drop ${agent.agent_id}'s limits`,
          onclick: ask.ask}, 'Drop…')),
      ask.element);
  });
  return h('div', {}, rows.length ? h('ul', {class: 'cards'}, rows) : h('p', {class: 'hint'}, 'No agent has limits of their own.'),
    h('h3', {}, 'Set an agent\'s limits'), form);
}
