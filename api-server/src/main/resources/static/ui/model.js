// Pure functions over Kubernetes objects: what the page shows, computed without touching the DOM.

/** Whether a Service's selector (a map, as Services have) selects these labels. */
export function selects(selector, labels) {
  const entries = Object.entries(selector || {});
  return entries.length > 0 && entries.every(([k, v]) => (labels || {})[k] === v);
}

/** The selector as kubectl prints it, e.g. app=web,tier=front. */
export function selectorText(selector) {
  return Object.entries(selector || {}).map(([k, v]) => `${k}=${v}`).join(',');
}

/** A pod's state as the tutorials name it. */
export function podState(pod) {
  if (pod.metadata.deletionTimestamp) return 'terminating';
  const ready = (pod.status?.conditions || []).find(c => c.type === 'Ready');
  if (ready?.status === 'True') return 'ready';
  if (!pod.spec?.nodeName) return 'pending';
  return 'not ready';
}

/** Each ClusterIP and port as kubectl shows them: 80/TCP → 8080, nodePort 30080. */
export function portLines(service) {
  return (service.spec.ports || []).map(p => {
    const name = p.name ? `${p.name}: ` : '';
    const target = p.targetPort !== undefined && p.targetPort !== p.port ? ` → ${p.targetPort}` : '';
    const node = p.nodePort ? `, NodePort ${p.nodePort}` : '';
    return `${name}${p.port}/${p.protocol || 'TCP'}${target}${node}`;
  });
}

export function clusterIPs(service) {
  const ips = service.spec.clusterIPs || (service.spec.clusterIP ? [service.spec.clusterIP] : []);
  return ips.length === 0 ? [] : ips;
}

/** External addresses: LoadBalancer ingress, else externalIPs; '<pending>' for a LoadBalancer waiting for one. */
export function externalAddresses(service) {
  const ingress = (service.status?.loadBalancer?.ingress || []).map(i => i.ip || i.hostname).filter(Boolean);
  const external = service.spec.externalIPs || [];
  const all = [...ingress, ...external];
  if (all.length === 0 && service.spec.type === 'LoadBalancer') return ['<pending>'];
  return all;
}

/** The DNS names the Service answers to, with the record type and what they hold. */
export function dnsNames(service, domain) {
  const ns = service.metadata.namespace;
  const name = `${service.metadata.name}.${ns}.svc.${domain}`;
  if (service.spec.type === 'ExternalName') {
    return [{ type: 'CNAME', name, value: service.spec.externalName }];
  }
  const headless = service.spec.clusterIP === 'None';
  const records = [{ type: 'A', name, value: headless ? 'one record per ready pod' : clusterIPs(service).join(', ') }];
  for (const p of service.spec.ports || []) {
    if (p.name) {
      records.push({ type: 'SRV', name: `_${p.name}._${(p.protocol || 'TCP').toLowerCase()}.${name}`, value: `port ${p.port}` });
    }
  }
  return records;
}

/** Endpoint conditions by pod IP, from the Service's EndpointSlices. */
export function endpointsByAddress(slices) {
  const byAddress = new Map();
  for (const slice of slices) {
    for (const ep of slice.endpoints || []) {
      for (const address of ep.addresses || []) {
        byAddress.set(address, ep.conditions || {});
      }
    }
  }
  return byAddress;
}

/** The Service's slices, by the kubernetes.io/service-name label. */
export function slicesOf(service, slices) {
  return slices.filter(s => s.metadata.namespace === service.metadata.namespace
    && (s.metadata.labels || {})['kubernetes.io/service-name'] === service.metadata.name);
}

/** The addresses the slices list as ready, sorted: what the proxies should send traffic to. */
export function readyAddresses(slices) {
  const ready = [];
  for (const slice of slices) {
    for (const ep of slice.endpoints || []) {
      if (ep.conditions?.ready !== false) ready.push(...(ep.addresses || []));
    }
  }
  return ready.sort();
}

/** Pods grouped by node name, nodes sorted; unscheduled pods under ''. */
export function byNode(pods) {
  const groups = new Map();
  for (const pod of [...pods].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    const node = pod.spec?.nodeName || '';
    if (!groups.has(node)) groups.set(node, []);
    groups.get(node).push(pod);
  }
  return [...groups.entries()].sort(([a], [b]) => (a || '~').localeCompare(b || '~'));
}

/** The lines of a rules dump that mention this Service (kube-proxy's comments name namespace/name). */
export function rulesFor(text, namespace, name) {
  const key = `${namespace}/${name}`;
  return text.split('\n').filter(line => line.includes(key));
}

/** What about a pod decides whether and how it is an endpoint: IP, state, labels. */
export function endpointSignature(pod) {
  return JSON.stringify([pod.status?.podIP || '', podState(pod), pod.metadata.labels || {}]);
}

/** The host of host:port or [v6]:port. */
export function hostOf(address) {
  const bracket = address.match(/^\[(.*)\]:\d+$/);
  if (bracket) return bracket[1];
  const colon = address.lastIndexOf(':');
  return colon > 0 && address.indexOf(':') === colon ? address.slice(0, colon) : address;
}

/** Milliseconds since the epoch of an RFC 3339 time, whatever its fraction's precision. */
export function instant(text) {
  if (!text) return 0;
  if (typeof text === 'number') return text * 1000;
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}
