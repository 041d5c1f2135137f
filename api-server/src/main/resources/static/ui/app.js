// Wires the page: sign-in, the namespace picker, the live lists, and the timing of each change as
// it travels from a pod to the EndpointSlice and on to every node's rules, as the components report it.
import { Api, Collection, Unauthorized, sleep } from './api.js';
import { el, fill, option } from './dom.js';
import * as model from './model.js';
import { serviceCard } from './cards.js';
import { details } from './details.js';

const $ = id => document.getElementById(id);

let api;
let components = { dns: false, endpoints: false, nodes: [], clusterDomain: 'cluster.local' };
let collections = [];
let selected;
let rendering = false;
const changes = new Map(); // service name → the last change seen: what, pod, and when each part followed
const podSignatures = new Map(); // pod name → what about it matters to endpoints, to skip other updates
const lastPodChange = new Map(); // service name → the last change to one of its pods, in words

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const candidate = new Api($('token').value.trim());
  try {
    const namespaces = await candidate.get('/api/v1/namespaces');
    api = candidate;
    $('token').value = '';
    $('login-error').hidden = true;
    await signedIn(namespaces.items.map(n => n.metadata.name));
  } catch (e) {
    showLoginError(e instanceof Unauthorized ? 'unauthorized' : e.message);
  }
});

$('logout').addEventListener('click', () => signOut());

function showLoginError(message) {
  const error = $('login-error');
  error.textContent = message;
  error.hidden = false;
}

function signOut(message) {
  collections.forEach(c => c.stop());
  collections = [];
  api = undefined;
  $('app').hidden = true;
  $('session').hidden = true;
  $('login').hidden = false;
  fill($('services'));
  if (message) showLoginError(message);
}

async function signedIn(namespaces) {
  try {
    components = await api.get('/kubeplane/v1/components');
  } catch {
    // Another user's role may not reach the components' views: the API objects still show.
  }
  const picker = $('namespace');
  const preferred = namespaces.find(n => !['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(n)) || 'default';
  fill(picker, namespaces.map(n => option(n, n, n === preferred)));
  picker.onchange = () => watchNamespace(picker.value);
  $('login').hidden = true;
  $('session').hidden = false;
  $('app').hidden = false;
  await watchNamespace(picker.value);
}

async function watchNamespace(ns) {
  collections.forEach(c => c.stop());
  selected = undefined;
  changes.clear();
  podSignatures.clear();
  lastPodChange.clear();
  $('details').hidden = true;
  const path = resource => resource === 'endpointslices'
    ? `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices`
    : `/api/v1/namespaces/${encodeURIComponent(ns)}/${resource}`;
  const status = state => {
    if (state === 'unauthorized') { signOut('unauthorized'); return; }
    $('live').textContent = state;
    $('live').className = `live ${state}`;
  };
  const services = new Collection(api, path('services'), () => schedule(), status);
  const pods = new Collection(api, path('pods'), (type, pod) => { if (pod) podChanged(type, pod); schedule(); }, status);
  const slices = new Collection(api, path('endpointslices'), (type, slice) => { if (slice) sliceChanged(slice); schedule(); }, status);
  collections = [services, pods, slices];
  try {
    await Promise.all(collections.map(c => c.start()));
  } catch (e) {
    if (e instanceof Unauthorized) { signOut('unauthorized'); return; }
    fill($('services'), el('p', { class: 'error' }, e.message));
    return;
  }
  render();
}

function schedule() {
  if (rendering) return;
  rendering = true;
  requestAnimationFrame(() => { rendering = false; render(); });
}

function render() {
  const [services, pods, slices] = collections.map(c => c.list());
  const ns = $('namespace').value;
  const sorted = [...services].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  fill($('services'), sorted.length === 0
    ? el('p', { class: 'empty', 'data-testid': 'no-services' }, `No Services in ${ns} yet. Try: kubectl -n ${ns} expose deployment web --port=80`)
    : sorted.map(s => serviceCard(s, pods, model.slicesOf(s, slices), components.clusterDomain,
      changes.get(s.metadata.name), s.metadata.name === selected, select)));
}

function select(name) {
  selected = name;
  const service = collections[0].list().find(s => s.metadata.name === name);
  if (service) details($('details'), api, service, components);
  render();
  $('details').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** A pod changed in a way that matters to endpoints: remember it, to name the change that follows. */
function podChanged(type, pod) {
  if (type === 'RELISTED') return;
  const signature = type === 'DELETED' ? 'gone' : model.endpointSignature(pod);
  if (podSignatures.get(pod.metadata.name) === signature) return;
  if (type === 'DELETED') podSignatures.delete(pod.metadata.name);
  else podSignatures.set(pod.metadata.name, signature);
  const what = type === 'ADDED' ? 'added' : type === 'DELETED' ? 'removed' : model.podState(pod);
  for (const service of collections[0].list()) {
    if (model.selects(service.spec.selector, pod.metadata.labels)) {
      lastPodChange.set(service.metadata.name, `pod ${pod.metadata.name} ${what}`);
    }
  }
}

/**
 * A slice changed: follow its change (named by the endpoints controller's last-change-trigger-time)
 * to the endpoints controller's write and to every node's rules, each as that component reports it.
 */
function sliceChanged(slice) {
  const name = (slice.metadata.labels || {})['kubernetes.io/service-name'];
  const trigger = (slice.metadata.annotations || {})['endpoints.kubernetes.io/last-change-trigger-time'];
  if (!name || !trigger) return;
  const previous = changes.get(name);
  if (previous && model.instant(previous.trigger) >= model.instant(trigger)) return;
  const change = { what: lastPodChange.get(name) || 'endpoints changed', trigger, nodes: {} };
  changes.set(name, change);
  const service = collections[0].list().find(s => s.metadata.name === name);
  if (!service) return;
  if (components.endpoints) followSlice(service, change);
  for (const node of components.nodes) {
    change.nodes[node] = {};
    followNode(service, node, change);
  }
}

/** Asks the endpoints controller when it last wrote the Service's slices. */
async function followSlice(service, change) {
  const path = `/kubeplane/v1/endpoints/namespaces/${encodeURIComponent(service.metadata.namespace)}`
    + `/services/${encodeURIComponent(service.metadata.name)}`;
  for (let attempt = 0; attempt < 20 && changes.get(service.metadata.name) === change && api; attempt++) {
    try {
      const view = await api.get(path);
      const written = view.lastSlices ? model.instant(view.lastSlices.at) : 0;
      if (written >= model.instant(change.trigger)) {
        change.sliceMs = Math.max(0, written - model.instant(change.trigger));
        schedule();
        return;
      }
    } catch {
      // The controller may be restarting: ask again.
    }
    await sleep(250);
  }
}

/** Polls a node's proxy view until it reports having programmed this change (or a later one). */
async function followNode(service, node, change) {
  const ns = encodeURIComponent(service.metadata.namespace);
  const name = encodeURIComponent(service.metadata.name);
  const deadline = performance.now() + 15000;
  while (performance.now() < deadline && changes.get(service.metadata.name) === change && api) {
    try {
      const view = await api.get(`/kubeplane/v1/nodes/${encodeURIComponent(node)}/proxy?namespace=${ns}&name=${name}`);
      const programmed = view.lastProgrammed;
      if (programmed && model.instant(programmed.triggerTime) >= model.instant(change.trigger)) {
        change.nodes[node] = { ms: programmed.latencyMs };
        schedule();
        return;
      }
    } catch {
      // The agent may be restarting: keep asking until the deadline.
    }
    await sleep(250);
  }
}
