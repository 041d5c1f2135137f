{{/*
A Deployment of one kubeplane service that reads Kafka and writes through the api-server:
(dict "ctx" $ "component" "ipam-service" "port" 8081 "values" .Values.ipamService "env" list-of-env-yaml "database" bool)
*/}}
{{- define "kubeplane.serviceDeployment" -}}
{{- $ctx := .ctx -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "kubeplane.fullname" $ctx }}-{{ .component }}
  labels:
    {{- include "kubeplane.labels" . | nindent 4 }}
spec:
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
      {{- include "kubeplane.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "kubeplane.selectorLabels" . | nindent 8 }}
    spec:
      {{- include "kubeplane.podDefaults" $ctx | nindent 6 }}
      containers:
        - name: {{ .component }}
          image: {{ include "kubeplane.image" . }}
          imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
          ports:
            - {name: http, containerPort: {{ .port }}}
            {{- with .ports }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          env:
            {{- include "kubeplane.commonEnv" $ctx | nindent 12 }}
            {{- if .database }}
            {{- include "kubeplane.databaseEnv" $ctx | nindent 12 }}
            {{- end }}
            {{- .env | nindent 12 }}
          {{- include "kubeplane.probes" (dict "port" "http") | nindent 10 }}
          {{- include "kubeplane.containerSecurity" $ctx | nindent 10 }}
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          volumeMounts:
            {{- include "kubeplane.tokenMounts" . | nindent 12 }}
      volumes:
        {{- include "kubeplane.tokenVolume" . | nindent 8 }}
{{- end -}}
