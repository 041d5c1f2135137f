{{/* The release's base name for every object. */}}
{{- define "kubeplane.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of one component's objects: (dict "ctx" $ "component" "api-server"). */}}
{{- define "kubeplane.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: kubeplane
{{ include "kubeplane.selectorLabels" . }}
{{- end -}}

{{- define "kubeplane.selectorLabels" -}}
app.kubernetes.io/name: kubeplane
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* A service's image: (dict "ctx" $ "component" "api-server"). */}}
{{- define "kubeplane.image" -}}
{{- printf "%s/%s:%s" .ctx.Values.image.registry .component (default .ctx.Chart.AppVersion .ctx.Values.image.tag) -}}
{{- end -}}

{{- define "kubeplane.kafkaBootstrap" -}}
{{- if .Values.kafka.external.bootstrapServers -}}
{{- .Values.kafka.external.bootstrapServers -}}
{{- else -}}
{{- printf "%s-kafka:9092" (include "kubeplane.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "kubeplane.jdbcUrl" -}}
{{- if .Values.postgresql.external.url -}}
{{- .Values.postgresql.external.url -}}
{{- else -}}
{{- printf "jdbc:postgresql://%s-postgresql:5432/%s" (include "kubeplane.fullname" .) .Values.postgresql.database -}}
{{- end -}}
{{- end -}}

{{/* The cluster store's connection, as Spring Boot environment variables. */}}
{{- define "kubeplane.databaseEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ include "kubeplane.jdbcUrl" . | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ ternary .Values.postgresql.external.username .Values.postgresql.username (not (empty .Values.postgresql.external.url)) | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if and .Values.postgresql.external.url .Values.postgresql.external.existingSecret }}
      name: {{ .Values.postgresql.external.existingSecret }}
      key: {{ .Values.postgresql.external.existingSecretPasswordKey }}
      {{- else }}
      name: {{ include "kubeplane.fullname" . }}-postgresql
      key: password
      {{- end }}
{{- end -}}

{{/* Where the controllers write: the api-server's in-cluster HTTP port, with bearer tokens. */}}
{{- define "kubeplane.apiServerUrl" -}}
{{- printf "http://%s-api-server:%d" (include "kubeplane.fullname" .) (int .Values.apiServer.service.httpPort) -}}
{{- end -}}

{{/* Settings every service shares: listen on the pod's address, the Kafka broker. */}}
{{- define "kubeplane.commonEnv" -}}
- name: SERVER_ADDRESS
  value: 0.0.0.0
- name: SPRING_KAFKA_BOOTSTRAPSERVERS
  value: {{ include "kubeplane.kafkaBootstrap" . | quote }}
- name: SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS
  value: {{ include "kubeplane.kafkaBootstrap" . | quote }}
{{- end -}}

{{/* Readiness and liveness on Spring Boot's probes: (dict "port" 8081). */}}
{{- define "kubeplane.probes" -}}
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: {{ .port }}}
  periodSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: {{ .port }}}
  periodSeconds: 10
  failureThreshold: 6
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: {{ .port }}}
  periodSeconds: 5
  failureThreshold: 60
{{- end -}}

{{/* Unprivileged, read-only root; /tmp is an emptyDir. */}}
{{- define "kubeplane.containerSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 65532
  runAsGroup: 65532
  readOnlyRootFilesystem: true
  allowPrivilegeEscalation: false
  capabilities: {drop: [ALL]}
{{- end -}}

{{/* A component's token file, mounted from the tokens Secret: (dict "ctx" $ "component" "ipam-service"). */}}
{{- define "kubeplane.tokenVolume" -}}
- name: token
  secret:
    secretName: {{ include "kubeplane.fullname" .ctx }}-tokens
    items: [{key: {{ .component }}.token, path: token}]
- name: tmp
  emptyDir: {}
{{- end -}}

{{- define "kubeplane.tokenMounts" -}}
- {name: token, mountPath: /etc/kubeplane, readOnly: true}
- {name: tmp, mountPath: /tmp}
{{- end -}}

{{- define "kubeplane.podDefaults" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{ toYaml . | nindent 2 }}
{{- end }}
automountServiceAccountToken: false
{{- end -}}
