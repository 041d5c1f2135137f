// The Service cards: what each Service is, the names it answers to, and its pods by node.
import { el } from './dom.js';
import * as model from './model.js';

/**
 * @param service   the Service
 * @param pods      the namespace's pods
 * @param slices    the Service's EndpointSlices
 * @param domain    the cluster domain
 * @param change    the last change seen for this Service (see app.js), or undefined
 * @param onSelect  called when the user opens the Service's details
 */
export function serviceCard(service, pods, slices, domain, change, selected, onSelect) {
  const name = service.metadata.name;
  const selector = service.spec.selector;
  const selected_ = selector ? pods.filter(p => model.selects(selector, p.metadata.labels)) : [];
  const endpoints = model.endpointsByAddress(slices);
  const description = (service.metadata.annotations || {})['description']
    || (service.metadata.annotations || {})['kubernetes.io/description'];
  return el('article', { class: `card${selected ? ' selected' : ''}`, 'data-testid': 'service', 'data-service': name },
    el('header', {},
      el('h2', {}, name),
      el('span', { class: 'badge type' }, service.spec.type || 'ClusterIP'),
      el('button', { type: 'button', class: 'open', 'data-testid': 'open-service', on: { click: () => onSelect(name) } },
        selected ? 'Details below' : 'Details')),
    description ? el('p', { class: 'description', 'data-testid': 'description' }, description) : null,
    el('dl', {},
      field('Cluster IP', service.spec.clusterIP === 'None' ? 'None (headless: DNS answers with the pod IPs)'
        : model.clusterIPs(service).join(', ') || '—'),
      field('Ports', model.portLines(service).join('; ') || 'none'),
      field('External IP', model.externalAddresses(service).join(', ') || 'none'),
      field('DNS', el('ul', { class: 'dns' }, model.dnsNames(service, domain).map(r =>
        el('li', {}, el('span', { class: 'badge' }, r.type), ' ', el('code', {}, r.name), ' → ', r.value))))),
    pods_(service, selector, selected_, endpoints),
    change ? changeLine(change) : null);
}

function field(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}

function pods_(service, selector, pods, endpoints) {
  if (!selector || Object.keys(selector).length === 0) {
    return el('p', { class: 'empty' }, service.spec.type === 'ExternalName'
      ? 'An ExternalName Service has no pods: DNS answers with a CNAME.'
      : 'This Service has no selector: its endpoints are managed by hand.');
  }
  const text = model.selectorText(selector);
  if (pods.length === 0) {
    return el('p', { class: 'empty', 'data-testid': 'no-pods' }, `No pods match ${text}.`);
  }
  return el('div', { class: 'pods' },
    el('p', { class: 'selects' }, `Selects ${text}: ${pods.length} pod${pods.length === 1 ? '' : 's'}`),
    el('div', { class: 'nodes' }, model.byNode(pods).map(([node, onNode]) =>
      el('section', { class: 'node', 'data-testid': 'node', 'data-node': node || 'unscheduled' },
        el('h3', {}, node || 'not scheduled yet'),
        onNode.map(pod => podCard(pod, endpoints))))));
}

function podCard(pod, endpoints) {
  const state = model.podState(pod);
  const ip = pod.status?.podIP;
  const conditions = ip ? endpoints.get(ip) : undefined;
  const endpoint = conditions === undefined ? 'not an endpoint'
    : conditions.ready !== false ? 'endpoint' : conditions.terminating ? 'endpoint, terminating' : 'endpoint, not ready';
  return el('div', { class: `pod ${state.replace(' ', '-')}`, 'data-testid': 'pod', 'data-pod': pod.metadata.name, 'data-state': state },
    el('strong', {}, pod.metadata.name),
    el('span', {}, ip || 'no IP yet'),
    el('span', { class: 'state' }, state),
    el('span', { class: 'endpoint' }, endpoint));
}

function changeLine(change) {
  const parts = [change.what];
  parts.push(change.sliceMs === undefined ? 'EndpointSlice: asking' : `EndpointSlice +${change.sliceMs} ms`);
  for (const [node, n] of Object.entries(change.nodes || {})) {
    parts.push(n.ms === undefined ? `${node}: waiting` : `${node} rules +${n.ms} ms`);
  }
  return el('p', { class: 'change', 'data-testid': 'last-change', title: 'From the change of the pod, as the endpoints '
    + 'controller and each node\'s agent report it (the EndpointSlice\'s last-change-trigger-time)' },
  'Last change: ', parts.join(' · '));
}
