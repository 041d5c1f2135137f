// The selected Service's details: why pods are or are not endpoints, each node's rules, a packet
// trace, traffic through the Service, and the DNS view.
import { el, fill, option } from './dom.js';
import * as model from './model.js';

export function details(panel, api, service, components) {
  const ns = service.metadata.namespace;
  const name = service.metadata.name;
  const base = `/kubeplane/v1`;
  const q = encodeURIComponent;
  fill(panel,
    el('h2', {}, `${name} in detail`),
    metadata(service),
    section('Why is a pod (not) an endpoint?', 'verdicts', components.endpoints
      ? loader('Ask the endpoints controller', async out => {
        const view = await api.get(`${base}/endpoints/namespaces/${q(ns)}/services/${q(name)}`);
        fill(out, view.pods.length === 0 ? el('p', { class: 'empty' }, `No pods in ${ns}.`)
          : el('table', {}, el('tr', {}, el('th', {}, 'pod'), el('th', {}, 'verdict'), el('th', {}, 'why')),
            view.pods.map(p => el('tr', {}, el('td', {}, p.pod), el('td', {}, p.endpoint), el('td', {}, p.reasons.join('; '))))));
      }) : unavailable('endpoints-controller')),
    section('Rules on each node', 'rules', components.nodes.length ? rules(api, base, ns, name, components.nodes)
      : unavailable('proxy-agent')),
    section('Trace a packet', 'trace', components.nodes.length ? trace(api, base, service, components.nodes)
      : unavailable('proxy-agent')),
    section('Send traffic', 'traffic', traffic(api, service, components.nodes)),
    section('Ask the DNS', 'dns', components.dns ? dns(api, base, service, components.clusterDomain)
      : unavailable('dns-service')));
  panel.hidden = false;
}

function metadata(service) {
  const rows = [...Object.entries(service.metadata.labels || {}).map(([k, v]) => ['label', k, v]),
    ...Object.entries(service.metadata.annotations || {}).map(([k, v]) => ['annotation', k, v])];
  if (rows.length === 0) return null;
  return el('table', { class: 'meta', 'data-testid': 'metadata' },
    rows.map(([what, k, v]) => el('tr', {}, el('th', {}, what), el('td', {}, el('code', {}, k)), el('td', {}, v))));
}

function section(title, id, ...body) {
  return el('section', { class: 'detail', 'data-testid': `detail-${id}` }, el('h3', {}, title), body);
}

function unavailable(component) {
  return el('p', { class: 'empty' }, `This API server has no address for ${component}'s views.`);
}

function loader(label, load) {
  const out = el('div', { class: 'out' });
  const button = el('button', { type: 'button', on: { click: () => run(out, () => load(out)) } }, label);
  return [button, out];
}

async function run(out, task) {
  fill(out, el('p', { class: 'muted' }, 'asking…'));
  try {
    await task();
  } catch (e) {
    fill(out, el('p', { class: 'error' }, e.message));
  }
}

function rules(api, base, ns, name, nodes) {
  const node = el('select', { 'aria-label': 'node' }, nodes.map(n => option(n)));
  const format = el('select', { 'aria-label': 'format' }, ['iptables', 'nftables', 'ipvs'].map(f => option(f)));
  const all = el('input', { type: 'checkbox' });
  const out = el('div', { class: 'out' });
  const show = () => run(out, async () => {
    const text = await api.get(`${base}/nodes/${encodeURIComponent(node.value)}/rules?format=${format.value}`);
    const lines = all.checked ? text.split('\n') : model.rulesFor(text, ns, name);
    fill(out, lines.length === 0 ? el('p', { class: 'empty' }, `No ${format.value} rules on ${node.value} mention ${ns}/${name}.`)
      : el('pre', { 'data-testid': 'rules-text' }, lines.join('\n')));
  });
  return [el('form', { class: 'inline', on: { submit: e => { e.preventDefault(); show(); } } },
    node, format, el('label', {}, all, ' every rule'), el('button', { type: 'submit' }, 'Show rules')), out];
}

function trace(api, base, service, nodes) {
  const port = (service.spec.ports || [])[0];
  const node = el('select', { 'aria-label': 'node' }, nodes.map(n => option(n)));
  const client = el('input', { value: '10.244.0.2', 'aria-label': 'client address', size: 14 });
  const destination = el('input', { value: model.clusterIPs(service)[0] || '', 'aria-label': 'destination', size: 14 });
  const destPort = el('input', { value: port ? String(port.port) : '80', 'aria-label': 'port', size: 5 });
  const protocol = el('select', { 'aria-label': 'protocol' }, ['TCP', 'UDP', 'SCTP'].map(p => option(p, p, port?.protocol === p)));
  const out = el('div', { class: 'out' });
  const go = () => run(out, async () => {
    const t = await api.get(`${base}/nodes/${encodeURIComponent(node.value)}/trace?client=${encodeURIComponent(client.value)}`
      + `&destination=${encodeURIComponent(destination.value)}&port=${encodeURIComponent(destPort.value)}&protocol=${protocol.value}`);
    fill(out, el('p', { 'data-testid': 'trace-verdict' }, el('strong', {}, t.verdict),
      t.endpoint ? ` → ${t.endpoint}` : '', t.pod ? ` (pod ${t.pod} on ${t.node})` : ''),
    el('ol', {}, (t.steps || []).map(s => el('li', {}, el('code', {}, s)))));
  });
  return [el('form', { class: 'inline', on: { submit: e => { e.preventDefault(); go(); } } },
    'from ', client, ' to ', destination, ':', destPort, protocol, ' on ', node, el('button', { type: 'submit' }, 'Trace')), out];
}

function traffic(api, service, nodes) {
  const hasNodePort = (service.spec.ports || []).some(p => p.nodePort);
  const ingress = (service.status?.loadBalancer?.ingress || []).some(i => i.ip);
  const entries = [...(hasNodePort ? nodes.map(n => [n, `NodePort on ${n}`]) : []),
    ...(ingress ? [['loadbalancer', 'LoadBalancer IP']] : [])];
  if (entries.length === 0) {
    return el('p', { class: 'empty' }, 'A ClusterIP Service is reached from inside the cluster. Traffic from here enters '
      + 'through a NodePort or a LoadBalancer IP: make the Service type NodePort or LoadBalancer to try it.');
  }
  const via = el('select', { 'aria-label': 'entry', 'data-testid': 'traffic-via' }, entries.map(([v, t]) => option(v, t)));
  const count = el('input', { type: 'number', min: 1, max: 500, value: '60', 'aria-label': 'requests', 'data-testid': 'traffic-count' });
  const out = el('div', { class: 'out', 'data-testid': 'traffic-result' });
  const ns = encodeURIComponent(service.metadata.namespace);
  const name = encodeURIComponent(service.metadata.name);
  const send = () => run(out, async () => {
    const r = await api.post(`/kubeplane/v1/namespaces/${ns}/services/${name}/traffic?via=${encodeURIComponent(via.value)}`
      + `&count=${encodeURIComponent(count.value)}`);
    const answered = Object.values(r.answers).reduce((a, b) => a + b, 0);
    const max = Math.max(1, ...Object.values(r.answers));
    fill(out,
      el('p', {}, `${r.sent} requests to ${r.target.address}:${r.target.port} (${r.target.via}), each on a new connection: `
        + `${answered} answered, ${r.failed} failed, ${r.millis} ms.`),
      r.lastError ? el('p', { class: 'error' }, `last failure: ${r.lastError}`) : null,
      el('div', { class: 'bars' }, Object.entries(r.answers).map(([pod, n]) =>
        el('div', { class: 'bar-row', 'data-testid': 'bar', 'data-pod': pod, 'data-count': n },
          el('span', { class: 'bar-label' }, pod),
          bar(Math.round(100 * n / max)),
          el('span', { class: 'bar-count' }, String(n))))));
  });
  return [el('form', { class: 'inline', on: { submit: e => { e.preventDefault(); send(); } } },
    'Send ', count, ' requests through ', via, el('button', { type: 'submit', 'data-testid': 'traffic-send' }, 'Send')),
  el('p', { class: 'muted' }, `How the proxy spreads them depends on sessionAffinity (${service.spec.sessionAffinity || 'None'}).`), out];
}

/** A bar of this width; set through the style object, as the page's policy forbids style attributes. */
function bar(percent) {
  const node = el('span', { class: 'bar' });
  node.style.width = `${percent}%`;
  return node;
}

function dns(api, base, service, domain) {
  const first = model.dnsNames(service, domain)[0];
  const name = el('input', { value: first.name, size: 48, 'aria-label': 'name', 'data-testid': 'dns-name' });
  const type = el('select', { 'aria-label': 'type' }, ['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT'].map(t => option(t)));
  const out = el('div', { class: 'out', 'data-testid': 'dns-result' });
  const ask = () => run(out, async () => {
    const r = await api.get(`${base}/dns/explain?name=${encodeURIComponent(name.value)}&type=${type.value}`);
    fill(out, el('p', {}, el('strong', {}, r.rcode), ' ', r.explanation || ''),
      r.answers.length ? el('table', {}, r.answers.map(a => el('tr', {}, el('td', {}, el('code', {}, a.record)), el('td', {}, a.source)))) : null);
  });
  return [el('form', { class: 'inline', on: { submit: e => { e.preventDefault(); ask(); } } },
    name, type, el('button', { type: 'submit' }, 'Ask')), out];
}
