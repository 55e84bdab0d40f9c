private let strings: GoType = .slice(.string)
private let stringMap: GoType = .map(.string)
private let resourceList: GoType = .map(.quantity, name: "v1.ResourceList")

extension BuiltinGoTypes {
  /// core/v1 Pod, its spec, containers, probes, volumes and status.
  static let pod: [String: GoFields] = [
    "v1.Pod": [
      "apiVersion": .string, "kind": .string, "metadata": .structure("v1.ObjectMeta"),
      "spec": .structure("v1.PodSpec"), "status": .structure("v1.PodStatus"),
    ],
    "v1.PodTemplateSpec": ["metadata": .structure("v1.ObjectMeta"), "spec": .structure("v1.PodSpec")],
    "v1.PodSpec": [
      "volumes": .slice(.structure("v1.Volume")), "initContainers": .slice(.structure("v1.Container")),
      "containers": .slice(.structure("v1.Container")), "restartPolicy": .string,
      "terminationGracePeriodSeconds": .int64, "activeDeadlineSeconds": .int64, "dnsPolicy": .string,
      "nodeSelector": stringMap, "serviceAccountName": .string, "serviceAccount": .string,
      "automountServiceAccountToken": .bool, "nodeName": .string, "hostNetwork": .bool, "hostPID": .bool,
      "hostIPC": .bool, "shareProcessNamespace": .bool, "securityContext": .structure("v1.PodSecurityContext"),
      "imagePullSecrets": .slice(.structure("v1.LocalObjectReference")), "hostname": .string,
      "subdomain": .string, "affinity": .any, "schedulerName": .string,
      "tolerations": .slice(.structure("v1.Toleration")), "priorityClassName": .string, "priority": .int32,
      "dnsConfig": .any, "readinessGates": .slice(.structure("v1.PodReadinessGate")),
      "runtimeClassName": .string, "enableServiceLinks": .bool, "preemptionPolicy": .string,
      "overhead": resourceList, "topologySpreadConstraints": .slice(.structure("v1.TopologySpreadConstraint")),
      "setHostnameAsFQDN": .bool, "os": .structure("v1.PodOS"), "hostUsers": .bool,
    ],
    "v1.Container": [
      "name": .string, "image": .string, "command": strings, "args": strings, "workingDir": .string,
      "ports": .slice(.structure("v1.ContainerPort")), "envFrom": .slice(.structure("v1.EnvFromSource")),
      "env": .slice(.structure("v1.EnvVar")), "resources": .structure("v1.ResourceRequirements"),
      "restartPolicy": .string, "volumeMounts": .slice(.structure("v1.VolumeMount")),
      "livenessProbe": .structure("v1.Probe"), "readinessProbe": .structure("v1.Probe"),
      "startupProbe": .structure("v1.Probe"), "lifecycle": .any, "terminationMessagePath": .string,
      "terminationMessagePolicy": .string, "imagePullPolicy": .string,
      "securityContext": .structure("v1.SecurityContext"), "stdin": .bool, "stdinOnce": .bool, "tty": .bool,
    ],
    "v1.ContainerPort": [
      "name": .string, "hostPort": .int32, "containerPort": .int32, "protocol": .string, "hostIP": .string,
    ],
    "v1.EnvFromSource": [
      "prefix": .string, "configMapRef": .structure("v1.ConfigMapEnvSource"),
      "secretRef": .structure("v1.SecretEnvSource"),
    ],
    "v1.ConfigMapEnvSource": ["name": .string, "optional": .bool],
    "v1.SecretEnvSource": ["name": .string, "optional": .bool],
    "v1.EnvVar": ["name": .string, "value": .string, "valueFrom": .structure("v1.EnvVarSource")],
    "v1.EnvVarSource": [
      "fieldRef": .structure("v1.ObjectFieldSelector"), "resourceFieldRef": .structure("v1.ResourceFieldSelector"),
      "configMapKeyRef": .structure("v1.ConfigMapKeySelector"), "secretKeyRef": .structure("v1.SecretKeySelector"),
    ],
    "v1.ObjectFieldSelector": ["apiVersion": .string, "fieldPath": .string],
    "v1.ResourceFieldSelector": ["containerName": .string, "resource": .string, "divisor": .quantity],
    "v1.ConfigMapKeySelector": ["name": .string, "key": .string, "optional": .bool],
    "v1.SecretKeySelector": ["name": .string, "key": .string, "optional": .bool],
    "v1.ResourceRequirements": [
      "limits": resourceList, "requests": resourceList, "claims": .slice(.structure("v1.ResourceClaim")),
    ],
    "v1.ResourceClaim": ["name": .string, "request": .string],
    "v1.VolumeMount": [
      "name": .string, "readOnly": .bool, "mountPath": .string, "subPath": .string, "mountPropagation": .string,
      "subPathExpr": .string, "recursiveReadOnly": .string,
    ],
    "v1.Probe": [
      "exec": .structure("v1.ExecAction"), "httpGet": .structure("v1.HTTPGetAction"),
      "tcpSocket": .structure("v1.TCPSocketAction"), "grpc": .structure("v1.GRPCAction"),
      "initialDelaySeconds": .int32, "timeoutSeconds": .int32, "periodSeconds": .int32,
      "successThreshold": .int32, "failureThreshold": .int32, "terminationGracePeriodSeconds": .int64,
    ],
    "v1.ExecAction": ["command": strings],
    "v1.HTTPGetAction": [
      "path": .string, "port": .intOrString, "host": .string, "scheme": .string,
      "httpHeaders": .slice(.structure("v1.HTTPHeader")),
    ],
    "v1.HTTPHeader": ["name": .string, "value": .string],
    "v1.TCPSocketAction": ["port": .intOrString, "host": .string],
    "v1.GRPCAction": ["port": .int32, "service": .string],
    "v1.SecurityContext": [
      "capabilities": .structure("v1.Capabilities"), "privileged": .bool, "runAsUser": .int64,
      "runAsGroup": .int64, "runAsNonRoot": .bool, "readOnlyRootFilesystem": .bool,
      "allowPrivilegeEscalation": .bool, "procMount": .string, "seccompProfile": .structure("v1.SeccompProfile"),
    ],
    "v1.Capabilities": ["add": strings, "drop": strings],
    "v1.SeccompProfile": ["type": .string, "localhostProfile": .string],
    "v1.PodSecurityContext": [
      "runAsUser": .int64, "runAsGroup": .int64, "runAsNonRoot": .bool, "supplementalGroups": .slice(.int64),
      "fsGroup": .int64, "fsGroupChangePolicy": .string, "seccompProfile": .structure("v1.SeccompProfile"),
    ],
    "v1.LocalObjectReference": ["name": .string],
    "v1.Toleration": [
      "key": .string, "operator": .string, "value": .string, "effect": .string, "tolerationSeconds": .int64,
    ],
    "v1.PodReadinessGate": ["conditionType": .string],
    "v1.TopologySpreadConstraint": [
      "maxSkew": .int32, "topologyKey": .string, "whenUnsatisfiable": .string,
      "labelSelector": .structure("v1.LabelSelector"), "minDomains": .int32, "matchLabelKeys": strings,
    ],
    "v1.PodOS": ["name": .string],
    "v1.Volume": [
      "name": .string, "configMap": .structure("v1.ConfigMapVolumeSource"),
      "secret": .structure("v1.SecretVolumeSource"), "emptyDir": .structure("v1.EmptyDirVolumeSource"),
      "hostPath": .structure("v1.HostPathVolumeSource"),
      "persistentVolumeClaim": .structure("v1.PersistentVolumeClaimVolumeSource"),
    ],
    "v1.ConfigMapVolumeSource": [
      "name": .string, "items": .slice(.structure("v1.KeyToPath")), "defaultMode": .int32, "optional": .bool,
    ],
    "v1.SecretVolumeSource": [
      "secretName": .string, "items": .slice(.structure("v1.KeyToPath")), "defaultMode": .int32, "optional": .bool,
    ],
    "v1.KeyToPath": ["key": .string, "path": .string, "mode": .int32],
    "v1.EmptyDirVolumeSource": ["medium": .string, "sizeLimit": .quantity],
    "v1.HostPathVolumeSource": ["path": .string, "type": .string],
    "v1.PersistentVolumeClaimVolumeSource": ["claimName": .string, "readOnly": .bool],
    "v1.PodStatus": [
      "phase": .string, "conditions": .slice(.structure("v1.PodCondition")), "message": .string,
      "reason": .string, "nominatedNodeName": .string, "hostIP": .string, "hostIPs": .slice(.structure("v1.HostIP")),
      "podIP": .string, "podIPs": .slice(.structure("v1.PodIP")), "startTime": .time,
      "initContainerStatuses": .slice(.structure("v1.ContainerStatus")),
      "containerStatuses": .slice(.structure("v1.ContainerStatus")), "qosClass": .string,
      "observedGeneration": .int64,
    ],
    "v1.PodCondition": [
      "type": .string, "status": .string, "lastProbeTime": .time, "lastTransitionTime": .time, "reason": .string,
      "message": .string, "observedGeneration": .int64,
    ],
    "v1.HostIP": ["ip": .string],
    "v1.PodIP": ["ip": .string],
    "v1.ContainerStatus": [
      "name": .string, "state": .structure("v1.ContainerState"), "lastState": .structure("v1.ContainerState"),
      "ready": .bool, "restartCount": .int32, "image": .string, "imageID": .string, "containerID": .string,
      "started": .bool,
    ],
    "v1.ContainerState": [
      "waiting": .structure("v1.ContainerStateWaiting"), "running": .structure("v1.ContainerStateRunning"),
      "terminated": .structure("v1.ContainerStateTerminated"),
    ],
    "v1.ContainerStateWaiting": ["reason": .string, "message": .string],
    "v1.ContainerStateRunning": ["startedAt": .time],
    "v1.ContainerStateTerminated": [
      "exitCode": .int32, "signal": .int32, "reason": .string, "message": .string, "startedAt": .time,
      "finishedAt": .time, "containerID": .string,
    ],
  ]
}
