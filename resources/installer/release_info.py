"""The JSON published beside each MSI: its codes and the data IT tools' detection rules need.

Written by ``check_msi.py --json OUT`` once the MSI passes its checks (on the Linux
authoring build and on the Windows release build). tests/test_wine_install.py installs
the MSI under Wine and checks the registry detection rule and the uninstall command below
against what the installer really wrote. Field names follow the tools that read them:
Intune's ``win32LobAppProductCodeDetection`` (Microsoft Graph), the Configuration Manager
Windows Installer detection method, and the Add/Remove Programs key any script can read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ARP_KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"


def release_info(msi: Path, props: dict[str, str]) -> dict[str, object]:
    """What IT needs to deploy and detect this MSI, from its Property table."""
    code = props["ProductCode"]
    version = props["ProductVersion"]
    return {
        "File": msi.name,
        "SHA256": hashlib.sha256(msi.read_bytes()).hexdigest(),
        "ProductName": props.get("ProductName", ""),
        "Manufacturer": props.get("Manufacturer", ""),
        "ProductVersion": version,
        "ProductCode": code,
        "UpgradeCode": props["UpgradeCode"],
        "Install": f'msiexec /i "{msi.name}" /qn /norestart',
        "Uninstall": f"msiexec /x {code} /qn /norestart",
        "Detection": {
            "Intune": {
                "@odata.type": "#microsoft.graph.win32LobAppProductCodeDetection",
                "productCode": code,
                "productVersionOperator": "greaterThanOrEqual",
                "productVersion": version,
            },
            "ConfigMgr": {
                "Method": "Windows Installer",
                "ProductCode": code,
                "Property": "ProductVersion",
                "Operator": "GreaterEquals",
                "Value": version,
            },
            # Windows Installer writes this key in the 64-bit view for every product.
            "Registry": {
                "Hive": "HKEY_LOCAL_MACHINE",
                "Key": ARP_KEY + code,
                "View": "64-bit",
                "ValueName": "DisplayVersion",
                "Value": version,
            },
        },
    }
