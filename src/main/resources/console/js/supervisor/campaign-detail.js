// One campaign: what it gives, its progress bar, and for a supervisor its recipients, closing it and
// revoking what nobody spent.
import {during, h, show} from '../dom.js';
import {day, reward, state, time} from '../format.js';
import {problemBox} from '../problems.js';
import {follow} from './progress.js';
import {recipientsForm} from './recipients.js';

export function campaignDetail({api, campaign, mayRun, onChange}) {
  const head = h('div', {});
  const progress = h('div', {'aria-live': 'polite', 'aria-label': 'Progress'});
  const actions = h('div', {class: 'campaign-actions'});
  const result = h('div', {'aria-live': 'polite'});
  const element = h('section', {class: 'panel campaign', 'data-campaign': campaign.id, 'aria-label': campaign.name},
    head, progress, actions, result);

  const render = current => {
    campaign = current;
    show(head,
      h('div', {class: 'card-head'}, h('h2', {}, current.name), state(current.status)),
      h('p', {}, `${reward(current.reward)} for each recipient, valid until `, day(current.expires_at), '.'),
      h('p', {class: 'meta'}, `Incident ${current.incident_ref} · reason ${current.reason_code} · run by ${current.agent_id}`,
        ' · created ', time(current.created_at), current.closed_at ? [' · closed ', time(current.closed_at)] : ''),
      current.message?.subject || current.message?.body
        ? h('p', {class: 'meta'}, `Message: ${[current.message.subject, current.message.body].filter(Boolean).join(' — ')}`)
        : null);
    onChange?.(current);
  };
  render(campaign);
  const followed = follow(api, progress, campaign, current => {
    render(current);
    showActions();
  });

  const close = h('button', {type: 'button', class: 'secondary'}, 'Close campaign');
  const revoke = h('button', {type: 'button', class: 'secondary'}, 'Revoke unused credit…');
  const confirm = h('div', {class: 'notice', hidden: true},
    h('p', {}, 'This closes the campaign and takes back every point and voucher value its recipients have not spent. '
      + 'What they spent stays spent.'),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'danger', onclick: () => revokeUnused()}, 'Revoke unused credit'),
      h('button', {type: 'button', class: 'secondary', onclick: () => { confirm.hidden = true; }}, 'Keep it')));
  const recipients = mayRun ? recipientsForm({api, campaignId: campaign.id, onSent: () => followed.refresh()}) : null;
  const revokeKey = crypto.randomUUID();

  const showActions = () => {
    if (!mayRun) return;
    const open = campaign.status === 'open';
    recipients.hidden = !open;
    close.hidden = !open;
    revoke.hidden = Boolean(campaign.revocation);
    if (campaign.revocation) confirm.hidden = true;
  };
  if (mayRun) {
    show(actions, h('h3', {}, 'Recipients'), recipients, h('div', {class: 'actions'}, close, revoke), confirm);
    showActions();
  }

  close.addEventListener('click', () => during(close, 'Closing…', async () => {
    try {
      render(await api.post(`/v1/campaigns/${campaign.id}/close`));
      show(result, h('p', {class: 'success', role: 'status'}, 'Closed: it takes no more recipients.'));
      showActions();
    } catch (problem) {
      show(result, problemBox(problem));
    }
  }));
  revoke.addEventListener('click', () => {
    confirm.hidden = false;
    confirm.querySelector('button').focus();
  });
  const revokeUnused = () => during(confirm.querySelector('button'), 'Revoking…', async () => {
    try {
      render(await api.post(`/v1/campaigns/${campaign.id}/revoke-unused`, undefined, revokeKey));
      show(result, h('p', {class: 'success', role: 'status'}, 'Closed; unused credit is being revoked.'));
      showActions();
      followed.refresh();
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });

  return element;
}
