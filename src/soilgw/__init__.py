"""SoilGW — soil and groundwater pollution prevention and control platform (土壤与地下水污染防治监管平台)."""

__version__ = "0.1.0"
